package org.onecall.dispatch.need;

public enum OfferStatus {
    PENDING, ACCEPTED, DECLINED, EXPIRED, WITHDRAWN
}
