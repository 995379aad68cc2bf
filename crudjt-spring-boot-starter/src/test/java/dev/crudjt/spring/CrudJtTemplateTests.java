package dev.crudjt.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtMaster;
import dev.crudjt.MasterOptions;
import dev.crudjt.TokenRead;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrudJtTemplateTests {

    private static final String ABSENT = "AAAAAAAAAAAAAAAAAAAAAA";

    @TempDir
    Path temp;

    private CrudJtMaster master;

    private CrudJtTemplate template;

    @BeforeEach
    void startMaster() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.master = CrudJt.startMaster(MasterOptions.builder()
                .secretKey(Base64.getEncoder().encodeToString(key))
                .storePath(this.temp)
                .grpcPort(0)
                .build());
        this.template = new CrudJtTemplate(this.master, new ObjectMapper());
    }

    @AfterEach
    void closeMaster() {
        this.master.close();
    }

    record Address(String city, List<String> lines) {
    }

    record Session(String user, int visits, boolean admin, Address address,
            Map<String, Long> counters) {
    }

    public static class Cart {

        private String owner;

        private List<Integer> items;

        public String getOwner() {
            return this.owner;
        }

        public void setOwner(String owner) {
            this.owner = owner;
        }

        public List<Integer> getItems() {
            return this.items;
        }

        public void setItems(List<Integer> items) {
            this.items = items;
        }
    }

    @Test
    void recordWithNestedFieldsRoundTrips() {
        Session session = new Session("ada", 3, true,
                new Address("Paris", List.of("1 rue Foo", "Bât. B")), Map.of("logins", 12L));

        String token = this.template.create(session);

        assertThat(this.template.read(token, Session.class)).isEqualTo(session);
    }

    @Test
    void recordIsStoredAsJsonObjectData() {
        Session session = new Session("ada", 3, false, new Address("Oslo", List.of()), Map.of());

        TokenRead read = this.template.read(this.template.create(session));

        assertThat(read.data()).containsEntry("user", "ada").containsEntry("visits", 3)
                .containsEntry("address", Map.of("city", "Oslo", "lines", List.of()));
        assertThat(read.ttl()).isNull();
        assertThat(read.silenceRead()).isNull();
    }

    @Test
    void pojoRoundTrips() {
        Cart cart = new Cart();
        cart.setOwner("bob");
        cart.setItems(List.of(1, 2, 3));

        Cart read = this.template.read(this.template.create(cart), Cart.class);

        assertThat(read.getOwner()).isEqualTo("bob");
        assertThat(read.getItems()).containsExactly(1, 2, 3);
    }

    @Test
    void mapRoundTrips() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user", "eve");
        data.put("roles", List.of("a", "b"));
        data.put("nothing", null);

        String token = this.template.create(data);

        assertThat(this.template.read(token).data()).isEqualTo(data);
    }

    @Test
    void dataThatIsNotAJsonObjectIsRejectedNamingItsType() {
        assertThatIllegalArgumentException().isThrownBy(() -> this.template.create("text"))
                .withMessage("'data' must serialise to a JSON object, but java.lang.String "
                        + "serialises to STRING");
        assertThatIllegalArgumentException().isThrownBy(() -> this.template.create(List.of(1)))
                .withMessageStartingWith("'data' must serialise to a JSON object, but ")
                .withMessageEndingWith(" serialises to ARRAY");
        assertThatIllegalArgumentException().isThrownBy(() -> this.template.create(42))
                .withMessage("'data' must serialise to a JSON object, but java.lang.Integer "
                        + "serialises to NUMBER");
    }

    @Test
    void nullDataIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> this.template.create(null))
                .withMessage("'data' must not be null");
    }

    @Test
    void dataThatCannotBeSerialisedIsRejectedNamingItsType() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> this.template.create(new Object()))
                .withMessage("'data' of type java.lang.Object cannot be written as JSON");
    }

    @Test
    void durationTtlIsRoundedUpToWholeSeconds() {
        String token = this.template.create(Map.of("a", 1), Duration.ofMillis(1200), null);

        assertThat(this.template.read(token).ttl()).isEqualTo(2);
    }

    @Test
    void durationTtlOfWholeSecondsIsKept() {
        String token = this.template.create(Map.of("a", 1), Duration.ofMinutes(1), 5L);

        TokenRead read = this.template.read(token);
        assertThat(read.ttl()).isBetween(59L, 60L);
        assertThat(read.silenceRead()).isEqualTo(4);
    }

    @Test
    void durationTtlBelowOneSecondIsRejectedNamingTheValue() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> this.template.create(Map.of("a", 1), Duration.ofMillis(500),
                        null))
                .withMessage("'ttl' must be at least 1 second, was PT0.5S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> this.template.create(Map.of("a", 1), Duration.ofSeconds(-3),
                        null))
                .withMessage("'ttl' must be at least 1 second, was PT-3S");
    }

    @Test
    void secondsTtlAndSilenceReadReachTheStore() {
        String token = this.template.create(Map.of("a", 1), 30L, 2L);

        TokenRead first = this.template.read(token);
        TokenRead second = this.template.read(token);

        assertThat(first.ttl()).isBetween(29L, 30L);
        assertThat(first.silenceRead()).isEqualTo(1);
        assertThat(second.silenceRead()).isZero();
        assertThat(this.template.read(token)).isNull();
    }

    @Test
    void nullLimitsMeanNoLimits() {
        String token = this.template.create(Map.of("a", 1), (Duration) null, null);

        TokenRead read = this.template.read(token);
        assertThat(read.ttl()).isNull();
        assertThat(read.silenceRead()).isNull();
    }

    @Test
    void absentTokenReadsAsNull() {
        assertThat(this.template.read(ABSENT)).isNull();
        assertThat(this.template.read(ABSENT, Session.class)).isNull();
    }

    @Test
    void dataThatDoesNotFitTheTypeIsRejectedNamingTheType() {
        String token = this.template.create(Map.of("user", Map.of("nested", true)));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> this.template.read(token, Session.class))
                .withMessage("Token data cannot be converted to " + Session.class.getName());
    }

    @Test
    void updateReplacesDataAndLimits() {
        String token = this.template.create(Map.of("v", 1), 60L, 10L);

        assertThat(this.template.update(token, new Address("Rome", List.of("x")))).isTrue();

        TokenRead read = this.template.read(token);
        assertThat(this.template.read(token, Address.class))
                .isEqualTo(new Address("Rome", List.of("x")));
        assertThat(read.ttl()).isNull();
        assertThat(read.silenceRead()).isNull();
    }

    @Test
    void updateWithDurationSetsRoundedTtl() {
        String token = this.template.create(Map.of("v", 1));

        assertThat(this.template.update(token, Map.of("v", 2), Duration.ofMillis(2001), 3L))
                .isTrue();

        TokenRead read = this.template.read(token);
        assertThat(read.data()).containsEntry("v", 2);
        assertThat(read.ttl()).isEqualTo(3);
        assertThat(read.silenceRead()).isEqualTo(2);
    }

    @Test
    void updateWithSecondsSetsTtl() {
        String token = this.template.create(Map.of("v", 1));

        assertThat(this.template.update(token, Map.of("v", 2), 40L, null)).isTrue();

        assertThat(this.template.read(token).ttl()).isBetween(39L, 40L);
    }

    @Test
    void updateOfAbsentTokenReturnsFalse() {
        assertThat(this.template.update(ABSENT, Map.of("v", 1))).isFalse();
        assertThat(this.template.update(ABSENT, Map.of("v", 1), Duration.ofSeconds(5), null))
                .isFalse();
        assertThat(this.template.update(ABSENT, Map.of("v", 1), 5L, null)).isFalse();
    }

    @Test
    void updateRejectsDataThatIsNotAJsonObject() {
        String token = this.template.create(Map.of("v", 1));

        assertThatIllegalArgumentException().isThrownBy(() -> this.template.update(token, "x"))
                .withMessageStartingWith("'data' must serialise to a JSON object");
        assertThat(this.template.read(token).data()).containsEntry("v", 1);
    }

    @Test
    void deleteRemovesTheToken() {
        String token = this.template.create(Map.of("v", 1));

        assertThat(this.template.delete(token)).isTrue();

        assertThat(this.template.delete(token)).isFalse();
        assertThat(this.template.read(token)).isNull();
    }

    @Test
    void templateExposesItsStore() {
        assertThat(this.template.getCrudJt()).isSameAs(this.master);
    }
}
