package org.onecall.smssim;

import java.time.Instant;
import java.util.Map;

/**
 * One message as a simulated phone sees it: {@code IN} came to the phone (sent through SendSms),
 * {@code OUT} is the phone's reply. {@code status} of an IN message: SENT, then DELIVERED or FAILED
 * (what its receipt says).
 */
record SimMessage(String id, String phone, Direction direction, String text, int segments, String signName,
                  String templateCode, Map<String, String> params, String outId, String status, Instant at) {

    enum Direction { IN, OUT }

    SimMessage withStatus(String newStatus) {
        return new SimMessage(id, phone, direction, text, segments, signName, templateCode, params, outId, newStatus, at);
    }
}
