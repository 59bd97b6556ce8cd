package org.onecall.dispatch.agreement;

import jakarta.inject.Singleton;
import org.onecall.kit.Refusal;

/** Looks agreements up for the projects that carry them out (the wish feature). */
@Singleton
public class Agreements {

    private final AgreementRepository agreements;

    Agreements(AgreementRepository agreements) {
        this.agreements = agreements;
    }

    public Agreement get(long id) {
        return agreements.findById(id).orElseThrow(() -> Refusal.notFound("agreement", id));
    }
}
