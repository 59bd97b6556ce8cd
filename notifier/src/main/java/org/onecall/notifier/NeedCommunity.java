package org.onecall.notifier;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** Which community a need belongs to, learnt from its events (the notifier keeps no needs of its own). */
@MappedEntity("need_community")
record NeedCommunity(@Id long needId, String communityId) {
}
