package org.onecall.dispatch.need;

/**
 * In-process signal that a need changed state, published in the transaction that changed it;
 * listeners that tell people (the operator's desk) take it after commit, so nobody is told of a
 * change that was rolled back.
 */
public record NeedMoved(long needId, String communityId, NeedStatus status) {
}
