package dev.crudjt.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.crudjt.json.JsonCodec;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 5: the stateless alternative. Signs 40,000 HS256 tokens carrying the benchmark payload
 * as claims plus {@code exp} (create), then parses, verifies and checks the expiry of each and
 * extracts its claims (read), with nimbus-jose-jwt. The claims read back are compared with the
 * payload outside the timed loop.
 */
final class JwtBenchmark {

    private static final int COUNT = Settings.COUNT;

    /** Reads JSON back as CRUDJT does, so that numbers get the same Java types. */
    private static final JsonCodec CODEC = new JsonCodec(65_536);

    private final Settings settings;

    private final Progress progress;

    private final Results results;

    private final Map<String, Object> payload = Payload.created();

    private final MACSigner signer;

    private final MACVerifier verifier;

    JwtBenchmark(Settings settings, Progress progress, Results results) throws JOSEException {
        this.settings = settings;
        this.progress = progress;
        this.results = results;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.signer = new MACSigner(secret);
        this.verifier = new MACVerifier(secret);
    }

    /**
     * Measures signing and verifying.
     *
     * @throws JOSEException when signing or verifying fails
     * @throws ParseException when a token does not parse
     */
    void run() throws JOSEException, ParseException {
        int runs = this.settings.runs();
        double[] create = new double[runs];
        double[] read = new double[runs];
        double[] createCpu = new double[runs];
        double[] readCpu = new double[runs];
        for (int run = -this.settings.warmups(); run < runs; run++) {
            String[] tokens = new String[COUNT];
            Stopwatch watch = Stopwatch.start();
            for (int i = 0; i < COUNT; i++) {
                tokens[i] = sign();
            }
            double[] signed = watch.lap();
            List<Map<String, Object>> claims = new ArrayList<>(COUNT);
            for (int i = 0; i < COUNT; i++) {
                claims.add(verify(tokens[i]));
            }
            double[] verified = watch.lap();
            check(claims);
            this.progress.say("jwt", "%s: sign %.3f s, verify %.3f s (CPU %.3f, %.3f)",
                    (run < 0) ? "warm-up" : "run " + (run + 1) + "/" + runs, signed[0],
                    verified[0], signed[1], verified[1]);
            if (run >= 0) {
                create[run] = signed[0];
                read[run] = verified[0];
                createCpu[run] = signed[1];
                readCpu[run] = verified[1];
            }
        }
        this.results.add(Figure.of("jwt.create.40k", "seconds", create));
        this.results.add(Figure.of("jwt.read.40k", "seconds", read));
        this.results.add(Figure.of("jwt.create.40k.cpu", "seconds", createCpu));
        this.results.add(Figure.of("jwt.read.40k.cpu", "seconds", readCpu));
        this.results.note("jwt", "nimbus-jose-jwt, HS256 with a 256-bit key; create builds the "
                + "claims from the payload map plus exp (now + " + InProcessBenchmark.TTL
                + " s), signs and serialises; read parses, verifies the MAC, checks exp and "
                + "returns the claims. One signer and one verifier are reused, as an application"
                + " would.");
    }

    private String sign() throws JOSEException {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        for (Map.Entry<String, Object> entry : this.payload.entrySet()) {
            claims.claim(entry.getKey(), entry.getValue());
        }
        claims.expirationTime(new Date(System.currentTimeMillis()
                + InProcessBenchmark.TTL * 1000));
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(this.signer);
        return jwt.serialize();
    }

    private Map<String, Object> verify(String token) throws JOSEException, ParseException {
        SignedJWT jwt = SignedJWT.parse(token);
        if (!jwt.verify(this.verifier)) {
            throw new IllegalStateException("A JWT did not verify");
        }
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        Date expiry = claims.getExpirationTime();
        if (expiry == null || expiry.getTime() <= System.currentTimeMillis()) {
            throw new IllegalStateException("A JWT has expired");
        }
        return claims.getClaims();
    }

    private void check(List<Map<String, Object>> claims) {
        for (int i = 0; i < claims.size(); i++) {
            Map<String, Object> data = new LinkedHashMap<>(claims.get(i));
            data.remove("exp");
            if (!this.payload.equals(CODEC.decode(Payload.json(data)))) {
                throw new IllegalStateException("JWT #" + i + " did not carry the claims that "
                        + "were signed");
            }
        }
    }
}
