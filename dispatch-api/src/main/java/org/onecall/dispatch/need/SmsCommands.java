package org.onecall.dispatch.need;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.onecall.dispatch.volunteer.Volunteer;
import org.onecall.events.Category;
import org.onecall.kit.Refusal;

/**
 * A volunteer's SMS reply read as a command on their jobs, for volunteers with a basic phone:
 * {@code 1} accept, {@code 2} decline, {@code 3} arrived, {@code 9} done, each with the job's short
 * number (the need id) when more than one fits; {@code 0} lists what they hold. Each acts through
 * {@link NeedService}, so the lifecycle guards and the history (actor "volunteer-N") are the same as
 * on the page. Anything else is kept word for word for the coordinator.
 */
@Singleton
public class SmsCommands {

    private static final Pattern COMMAND = Pattern.compile("^\\s*([01239])(?:\\s*[#＃]?\\s*(\\d{1,12}))?\\s*$");
    private static final List<NeedStatus> HELD = List.of(NeedStatus.ASSIGNED, NeedStatus.ON_SITE);

    private final NeedService needs;
    private final NeedRepository needRows;
    private final OfferRepository offers;

    SmsCommands(NeedService needs, NeedRepository needRows, OfferRepository offers) {
        this.needs = needs;
        this.needRows = needRows;
        this.offers = offers;
    }

    /** What came of a reply: the answer to text back, and whether it was a command or free text. */
    public record Outcome(String answer, boolean command, @Nullable Long needId) {
    }

    public Outcome handle(Volunteer v, String content) {
        Matcher m = COMMAND.matcher(content.replace('\u3000', ' '));
        if (!m.matches()) {
            return new Outcome("已收到您的留言，已转给协调员。", false, firstHeld(v.id()));
        }
        Long number = m.group(2) == null ? null : Long.valueOf(m.group(2));
        try {
            return switch (m.group(1)) {
                case "0" -> new Outcome(list(v.id()), true, null);
                case "1" -> onOffer(v.id(), number, "接单", o -> {
                    needs.accept(o.id(), v.id());
                    return "已接单 #" + o.needId() + "。到达后回复3，完成后回复9。";
                });
                case "2" -> onOffer(v.id(), number, "婉拒", o -> {
                    needs.decline(o.id(), v.id(), "SMS");
                    return "已婉拒 #" + o.needId() + "，谢谢告知。";
                });
                case "3" -> onHeld(v.id(), number, NeedStatus.ASSIGNED, "到达", n -> {
                    needs.arrive(n.id(), v.id());
                    return "已记录到达 #" + n.id() + "。完成后回复9。";
                });
                default -> onHeld(v.id(), number, NeedStatus.ON_SITE, "完成", n -> {
                    needs.complete(n.id(), v.id(), "短信回复：完成");
                    return "已完成 #" + n.id() + "，辛苦了！";
                });
            };
        } catch (Refusal r) {
            return new Outcome("没有办成：" + r.getMessage() + "。回复0查看您的任务。", true, number);
        }
    }

    private Outcome onOffer(long volunteerId, @Nullable Long number, String what, Function<Offer, String> act) {
        List<Offer> pending = offers.findByVolunteerIdAndStatusOrderByIdDesc(volunteerId, OfferStatus.PENDING).stream()
                .filter(o -> number == null || o.needId() == number).toList();
        Optional<String> ambiguous = ambiguity(pending.size(), number, what, "待接的任务");
        if (ambiguous.isPresent()) {
            return new Outcome(ambiguous.get(), true, null);
        }
        Offer offer = pending.get(0);
        return new Outcome(act.apply(offer), true, offer.needId());
    }

    private Outcome onHeld(long volunteerId, @Nullable Long number, NeedStatus from, String what, Function<Need, String> act) {
        List<Need> held = needRows.findByVolunteerIdAndStatusInOrderById(volunteerId, List.of(from)).stream()
                .filter(n -> number == null || n.id() == number).toList();
        Optional<String> ambiguous = ambiguity(held.size(), number, what, "可以" + what + "的任务");
        if (ambiguous.isPresent()) {
            return new Outcome(ambiguous.get(), true, null);
        }
        Need need = held.get(0);
        return new Outcome(act.apply(need), true, need.id());
    }

    private static Optional<String> ambiguity(int found, @Nullable Long number, String what, String noun) {
        if (found == 0) {
            return Optional.of((number == null ? "您没有" : "没有编号 #" + number + " 的") + noun + "。回复0查看您的任务。");
        }
        if (found > 1) {
            return Optional.of("您有" + found + "个" + noun + "，请在数字后加任务号，例如：" + codeOf(what) + " 12。回复0查看。");
        }
        return Optional.empty();
    }

    private static String codeOf(String what) {
        return switch (what) {
            case "接单" -> "1";
            case "婉拒" -> "2";
            case "到达" -> "3";
            default -> "9";
        };
    }

    private String list(long volunteerId) {
        StringBuilder out = new StringBuilder();
        for (Offer o : offers.findByVolunteerIdAndStatusOrderByIdDesc(volunteerId, OfferStatus.PENDING)) {
            out.append("#").append(o.needId()).append(" ").append(categoryOf(o.needId())).append(" 待接单；");
        }
        for (Need n : needRows.findByVolunteerIdAndStatusInOrderById(volunteerId, HELD)) {
            out.append("#").append(n.id()).append(" ").append(zh(n.category()))
                    .append(n.status() == NeedStatus.ASSIGNED ? " 已接单；" : " 已到达；");
        }
        return out.isEmpty() ? "您目前没有任务。" : "您的任务：" + out.substring(0, out.length() - 1) + "。";
    }

    @Nullable
    private Long firstHeld(long volunteerId) {
        return needRows.findByVolunteerIdAndStatusInOrderById(volunteerId, HELD).stream().findFirst().map(Need::id).orElse(null);
    }

    private String categoryOf(long needId) {
        return needRows.findById(needId).map(n -> zh(n.category())).orElse("");
    }

    private static String zh(String category) {
        try {
            return Category.valueOf(category).zh();
        } catch (IllegalArgumentException e) {
            return category;
        }
    }
}
