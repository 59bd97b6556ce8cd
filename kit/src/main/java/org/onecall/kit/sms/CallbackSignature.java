package org.onecall.kit.sms;

import java.util.HexFormat;

/**
 * How receipt and reply callbacks prove they come from our provider: an HMAC-SHA256 of the exact
 * body with a secret both sides are configured with, in the {@value #HEADER} header.
 */
public final class CallbackSignature {

    public static final String HEADER = "X-Onecall-Signature";

    private CallbackSignature() {
    }

    public static String of(String secret, String body) {
        return HexFormat.of().formatHex(Acs3Signature.hmac(secret, body));
    }

    public static boolean valid(String secret, String body, String header) {
        return !secret.isEmpty() && Acs3Signature.same(of(secret, body), header);
    }
}
