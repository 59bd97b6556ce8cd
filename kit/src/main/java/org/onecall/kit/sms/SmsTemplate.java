package org.onecall.kit.sms;

/**
 * The message templates OneCall registers with the provider (a provider sends only approved
 * templates, filled with parameters). The codes are the simulator's defaults; with a real account
 * each is set in configuration ({@code onecall.sms.template-codes.<name>}).
 */
public enum SmsTemplate {
    LOGIN_CODE("SMS_900001", "您的登录验证码是 ${code}，${minutes} 分钟内有效，请勿告诉他人。"),
    OFFER("SMS_900002", "新任务#${short}：${what}，${place}，约${distance}米。回复1接单，2婉拒。"),
    JOB_UPDATE("SMS_900003", "任务#${short}：${text}"),
    REPLY_ANSWER("SMS_900004", "${text}"),
    RESIDENT_NOTICE("SMS_900005", "${text}"),
    STAFF_NOTICE("SMS_900006", "【${level}】${text}");

    private final String defaultCode;
    private final String text;

    SmsTemplate(String defaultCode, String text) {
        this.defaultCode = defaultCode;
        this.text = text;
    }

    public String defaultCode() {
        return defaultCode;
    }

    public String text() {
        return text;
    }
}
