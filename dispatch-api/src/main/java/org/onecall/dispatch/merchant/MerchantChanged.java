package org.onecall.dispatch.merchant;

/** In-process notice of a merchant's new state, for views kept in memory (the service circle's index). */
public record MerchantChanged(Merchant merchant) {
}
