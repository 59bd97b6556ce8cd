package org.onecall.dispatch.sms;

/**
 * Sends a text message to a phone. The product ships only {@link SimulatedSms}: no carrier can be
 * reached from here. A real adapter (Aliyun SMS, Tencent Cloud SMS...) implements this interface
 * and replaces the simulator with {@code @Replaces(SimulatedSms.class)}.
 */
public interface SmsGateway {

    /** Returns the carrier's message id; throws if the carrier refused it. */
    String send(String phone, String text);
}
