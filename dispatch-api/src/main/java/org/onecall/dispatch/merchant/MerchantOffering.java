package org.onecall.dispatch.merchant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** What a merchant provides in one category ("常用药代购，30分钟送达"). */
@MappedEntity("merchant_offering")
public record MerchantOffering(@Id @GeneratedValue @Nullable Long id, long merchantId, String category,
                              String description) {
}
