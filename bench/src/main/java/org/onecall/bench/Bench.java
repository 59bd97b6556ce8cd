package org.onecall.bench;

import java.util.Arrays;

/** Entry point of {@code bench/run}: {@code lookup|matcher [--quick]}. */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = args.length == 0 ? "" : args[0];
        boolean quick = Arrays.asList(args).contains("--quick");
        switch (scenario) {
            case "lookup" -> LookupBench.run(quick);
            case "matcher" -> MatcherBench.run(quick);
            default -> {
                System.err.println("usage: bench/run lookup|matcher [--quick]");
                System.exit(2);
            }
        }
    }
}
