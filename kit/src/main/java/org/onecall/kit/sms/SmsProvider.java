package org.onecall.kit.sms;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one templated text message to one phone through an SMS provider, and asks the provider what
 * it holds for a phone. The only implementation speaks Alibaba Cloud's SendSms and QuerySendDetails
 * ({@link AlibabaSms}); the local simulator answers the same API, so pointing at a real account is
 * configuration only.
 */
public interface SmsProvider {

    /** QuerySendDetails takes at most this many messages per page. */
    int MAX_PAGE_SIZE = 50;

    /**
     * @param outId our id for this message, echoed in the provider's delivery receipt and in {@link #details}
     * @return what the provider answered; a refusal is a result ({@link Sent#accepted()} false), a
     *         provider that cannot be reached, or whose answer is lost, throws {@link java.io.UncheckedIOException}
     */
    Sent send(String phone, SmsTemplate template, Map<String, String> params, String outId);

    /**
     * One page of the messages the provider took for this number on this day (QuerySendDetails),
     * whatever became of them. A refusal is a result ({@link Details#answered()} false); a provider
     * that cannot be reached throws {@link java.io.UncheckedIOException}.
     *
     * @param sendDate    a day in {@link #zone()}
     * @param currentPage from 1
     */
    Details details(String phone, LocalDate sendDate, int pageSize, int currentPage);

    /** The zone the provider counts its send days in (Alibaba: Beijing time, whatever ours is). */
    ZoneId zone();

    /** The signature the provider puts in front of every message (counted in its length). */
    String signName();

    /**
     * The message with our {@code outId} that the provider took for this number at some time between
     * {@code from} and {@code to}: every page of every provider day in between is read, so an attempt
     * just before the provider's midnight, recorded on the next day, is found too.
     *
     * @throws IllegalStateException when the provider refuses the query (the answer is then unknown)
     * @throws java.io.UncheckedIOException when it cannot be reached
     */
    default Optional<Detail> find(String phone, String outId, Instant from, Instant to) {
        LocalDate last = to.atZone(zone()).toLocalDate();
        for (LocalDate day = from.atZone(zone()).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            for (int page = 1; ; page++) {
                Details answer = details(phone, day, MAX_PAGE_SIZE, page);
                if (!answer.answered()) {
                    throw new IllegalStateException("QuerySendDetails refused: " + answer.code() + " " + answer.message());
                }
                Optional<Detail> found = answer.details().stream().filter(d -> outId.equals(d.outId())).findFirst();
                if (found.isPresent()) {
                    return found;
                }
                if (answer.details().isEmpty() || (long) page * MAX_PAGE_SIZE >= answer.totalCount()) {
                    break;
                }
            }
        }
        return Optional.empty();
    }

    /** {@code code} is "OK" when accepted; {@code bizId} identifies the message in receipts. */
    record Sent(String code, String message, String bizId, String requestId) {
        public boolean accepted() {
            return "OK".equals(code);
        }
    }

    /** One page of QuerySendDetails: {@code totalCount} messages that day in all pages. */
    record Details(String code, String message, long totalCount, List<Detail> details, String requestId) {
        public boolean answered() {
            return "OK".equals(code);
        }
    }

    /**
     * One SmsSendDetailDTO. {@code sendStatus}: {@link #WAITING} for the carrier's receipt,
     * {@link #FAILED} or {@link #DELIVERED}; {@code errCode} is the carrier's (DELIVERED when it was);
     * the dates are the provider's local times, {@code yyyy-MM-dd HH:mm:ss}.
     */
    record Detail(String phone, int sendStatus, String errCode, String templateCode, String content, String sendDate,
                  String receiveDate, String outId) {
        public static final int WAITING = 1;
        public static final int FAILED = 2;
        public static final int DELIVERED = 3;
    }
}
