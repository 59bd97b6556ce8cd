package org.onecall.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * Bearer tokens signed with the test secret that every module's application-test.yml configures
 * ({@value #SECRET}), with the same claims the product's sign-in issues.
 */
public final class TestTokens {

    public static final String SECRET = "onecall-test-secret-0123456789-abcdefghijklmnop";

    public static String admin() {
        return token("test-admin", "ADMIN", List.of(), null);
    }

    /** The grid leader's username in {@link #gridLeader}'s token. */
    public static final String GRID_LEADER = "test-grid-leader";

    public static String staff(String role, Collection<String> communities) {
        return token(staffName(role), role, communities, null);
    }

    /** The username in {@link #staff}'s token, for routes about one's own account. */
    public static String staffName(String role) {
        return "test-" + role.toLowerCase();
    }

    /** Staff of every community of a street (resolved by the service on each request). */
    public static String street(String role, String street) {
        return token(streetName(role), role, List.of(), street, List.of(), null);
    }

    /** The username in {@link #street}'s token. */
    public static String streetName(String role) {
        return "test-street-" + role.toLowerCase();
    }

    /** A grid leader (网格长): a coordinator of one community, limited to some of its grids. */
    public static String gridLeader(String community, Collection<String> grids) {
        return token(GRID_LEADER, "COORDINATOR", List.of(community), null, grids, null);
    }

    public static String volunteer(long volunteerId, String community) {
        return token("volunteer-" + volunteerId, "VOLUNTEER", List.of(community), volunteerId);
    }

    /** A volunteer's token as if issued at {@code issuedAt} (whole seconds count, as in any JWT). */
    public static String volunteer(long volunteerId, String community, java.time.Instant issuedAt) {
        return sign(claims("volunteer-" + volunteerId, "VOLUNTEER", List.of(community), null, List.of(), volunteerId)
                .issueTime(Date.from(issuedAt)).build());
    }

    public static String token(String username, String role, Collection<String> communities, Long volunteerId) {
        return token(username, role, communities, null, List.of(), volunteerId);
    }

    public static String token(String username, String role, Collection<String> communities, String street,
                               Collection<String> grids, Long volunteerId) {
        return sign(claims(username, role, communities, street, grids, volunteerId).build());
    }

    private static JWTClaimsSet.Builder claims(String username, String role, Collection<String> communities,
                                               String street, Collection<String> grids, Long volunteerId) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(username)
                .claim("roles", List.of(role))
                .claim("communities", List.copyOf(communities))
                .issueTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + 3_600_000));
        if (street != null) {
            claims.claim("street", street);
        }
        if (!grids.isEmpty()) {
            claims.claim("grids", List.copyOf(grids));
        }
        if (volunteerId != null) {
            claims.claim("volunteerId", volunteerId);
        }
        return claims;
    }

    private static String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(SECRET));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private TestTokens() {
    }
}
