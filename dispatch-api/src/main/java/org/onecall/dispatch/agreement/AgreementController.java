package org.onecall.dispatch.agreement;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.onecall.dispatch.merchant.Merchant;
import org.onecall.dispatch.merchant.Merchants;
import org.onecall.kit.Refusal;

@Controller("/api/communities/{communityId}/agreements")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class AgreementController {

    private final AgreementRepository agreements;
    private final Merchants merchants;
    private final Clock clock;

    AgreementController(AgreementRepository agreements, Merchants merchants, Clock clock) {
        this.agreements = agreements;
        this.merchants = merchants;
        this.clock = clock;
    }

    @Introspected
    record NewAgreement(@NotNull Long partnerId, @NotBlank @Size(max = 200) String title,
                        @NotNull @PastOrPresent LocalDate signedOn, @NotBlank @Size(max = 4000) String terms) {
    }

    @Post
    @Status(HttpStatus.CREATED)
    @Transactional
    Agreement record(@PathVariable String communityId, @Valid @Body NewAgreement r) {
        Merchant partner = merchants.get(r.partnerId());
        if (!partner.communityId().equals(communityId)) {
            throw Refusal.invalid("partnerId", "merchant " + r.partnerId() + " is not in community " + communityId);
        }
        return agreements.save(new Agreement(null, communityId, partner.id(), r.title().strip(), r.signedOn(),
                r.terms().strip(), clock.instant()));
    }

    @Get
    List<Agreement> list(@PathVariable String communityId) {
        return agreements.findByCommunityIdOrderBySignedOnDesc(communityId);
    }
}
