package org.onecall.dispatch.account;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.onecall.dispatch.community.Community;
import org.onecall.dispatch.community.CommunityRepository;
import org.onecall.kit.security.Caller;

/**
 * Sign-in. Apps and curl get a bearer token in the body; pages ask for {@code ?session=true} and
 * get it as an HttpOnly cookie plus a readable CSRF cookie to echo in a header.
 */
@Controller("/api/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class AuthController {

    static final String SESSION_COOKIE = "ONECALL_SESSION";
    static final String CSRF_COOKIE = "XSRF-TOKEN";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Accounts accounts;
    private final OneTimeCodes codes;
    private final TokenIssuer tokens;
    private final CommunityRepository communities;

    AuthController(Accounts accounts, OneTimeCodes codes, TokenIssuer tokens, CommunityRepository communities) {
        this.communities = communities;
        this.accounts = accounts;
        this.codes = codes;
        this.tokens = tokens;
    }

    @Introspected
    record Login(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 200) String password) {
    }

    @Introspected
    record CodeRequest(@NotBlank @Pattern(regexp = "\\+?[0-9 ()-]{5,20}", message = "must be a phone number") String phone) {
    }

    @Introspected
    record CodeLogin(@NotBlank @Pattern(regexp = "\\+?[0-9 ()-]{5,20}", message = "must be a phone number") String phone,
                     @NotBlank @Pattern(regexp = "[0-9]{6}", message = "must be the 6-digit code") String code) {
    }

    @Post("/login{?session}")
    HttpResponse<TokenIssuer.Issued> login(HttpRequest<?> request, @Valid @Body Login login,
                                           @Nullable @QueryValue Boolean session) {
        return respond(tokens.issue(accounts.authenticate(login.username(), login.password(), address(request))),
                session);
    }

    /** Always 202: whether the phone belongs to a volunteer is not told to strangers. */
    @Post("/code")
    HttpResponse<Map<String, String>> sendCode(@Valid @Body CodeRequest request) {
        codes.send(request.phone());
        return HttpResponse.accepted().body(Map.of("message", "如果该号码已登记为志愿者，验证码已发送。"
                + " If this number belongs to a volunteer, a code is on its way."));
    }

    @Post("/code/login{?session}")
    HttpResponse<TokenIssuer.Issued> codeLogin(@Valid @Body CodeLogin login, @Nullable @QueryValue Boolean session) {
        return respond(tokens.issue(codes.verify(login.phone(), login.code())), session);
    }

    @Introspected
    record PasswordChange(@NotBlank @Size(max = 200) String currentPassword,
                          @NotBlank @Size(min = 10, max = 200, message = "must be 10 to 200 characters") String newPassword) {
    }

    /** The signed-in person's own password; 204. A wrong current password is 400 and counts toward the throttle. */
    @Put("/password")
    HttpResponse<?> changePassword(HttpRequest<?> http, Authentication authentication,
                                   @Valid @Body PasswordChange request) {
        accounts.changeOwnPassword(authentication.getName(), request.currentPassword(), request.newPassword(),
                address(http));
        return HttpResponse.noContent();
    }

    @Post("/logout")
    HttpResponse<?> logout() {
        return HttpResponse.noContent()
                .cookie(Cookie.of(SESSION_COOKIE, "").path("/").maxAge(0).httpOnly(true))
                .cookie(Cookie.of(CSRF_COOKIE, "").path("/").maxAge(0));
    }

    /**
     * Who the token says you are, and what that reaches today: {@code communities} as given by name,
     * {@code street} and the communities on it now ({@code streetCommunities}), {@code grids} when
     * limited to some grids of the one community. {@code displayName} is what pages call the person and
     * {@code phone} their account's mobile, masked (both null for a service, which has no account).
     */
    @Introspected
    record Me(String username, @Nullable String displayName, String role, List<String> communities, @Nullable String street,
              List<String> streetCommunities, List<String> grids, @Nullable Long volunteerId, @Nullable String phone) {
    }

    @Get("/me")
    Me me(Authentication authentication) {
        Caller c = Caller.from(authentication);
        List<String> onStreet = c.street() == null ? List.of()
                : communities.findByStreetOrderById(c.street()).stream().map(Community::id).toList();
        var profile = accounts.profile(c.username());
        return new Me(c.username(), profile.map(Accounts.Profile::displayName).orElse(null), c.role().name(),
                c.communities().stream().sorted().toList(), c.street(), onStreet, c.grids().stream().sorted().toList(),
                c.volunteerId(), profile.map(Accounts.Profile::phoneMasked).orElse(null));
    }

    /** The connection's address, as the rate limit sees it (a forwarded-for header is anyone's to write). */
    private static String address(HttpRequest<?> request) {
        var remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    private static HttpResponse<TokenIssuer.Issued> respond(TokenIssuer.Issued issued, Boolean session) {
        if (!Boolean.TRUE.equals(session)) {
            return HttpResponse.ok(issued);
        }
        byte[] csrf = new byte[24];
        RANDOM.nextBytes(csrf);
        // a page gets the token only as the HttpOnly cookie: a script on the page (an injected one
        // included) never holds a credential it could send elsewhere
        return HttpResponse.ok(issued.withoutToken())
                .cookie(Cookie.of(SESSION_COOKIE, issued.accessToken()).path("/").httpOnly(true)
                        .sameSite(SameSite.Strict).maxAge(issued.expiresIn()))
                .cookie(Cookie.of(CSRF_COOKIE, HexFormat.of().formatHex(csrf)).path("/")
                        .sameSite(SameSite.Strict).maxAge(issued.expiresIn()));
    }
}
