package org.onecall.dispatch.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import jakarta.inject.Singleton;

/**
 * Argon2id (the OWASP first choice) with 19 MiB memory, 2 passes: about 30 ms per check here,
 * slow enough to make offline guessing expensive, fast enough for a sign-in.
 */
@Singleton
class PasswordHasher {

    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);

    String hash(String secret) {
        return Password.hash(secret).addRandomSalt(16).with(ARGON2).getResult();
    }

    boolean matches(String secret, String hash) {
        return hash != null && Password.check(secret, hash).with(ARGON2);
    }
}
