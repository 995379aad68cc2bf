package dev.crudjt.spring.autoconfigure;

import dev.crudjt.ClientOptions;
import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtException;
import dev.crudjt.MasterOptions;
import dev.crudjt.spring.autoconfigure.CrudJtProperties.Mode;
import dev.crudjt.spring.autoconfigure.PropertyOrigins.ConfiguredValue;
import java.util.List;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;
import org.springframework.core.log.LogMessage;
import org.springframework.util.unit.DataSize;

/**
 * Decides the mode of this process and starts the master or connects the client, copying the
 * properties onto the options and then applying the customizers.
 *
 * <p>Mode rule: {@code crudjt.mode} when set; otherwise master when a secret key is configured
 * and client when none is. A client ignores a configured key and says so once at WARN level.
 *
 * <p>An option that the core rejects is reported as a {@link CrudJtPropertyException} naming
 * the property, when the properties alone give the rejected value; a value that only a
 * customizer sets keeps the core's {@link IllegalArgumentException}.
 */
final class CrudJtFactory {

    private static final Log logger = LogFactory.getLog(CrudJtFactory.class);

    private final CrudJtProperties properties;

    private final Environment environment;

    private final SecretKeyResolver keys;

    private final List<CrudJtMasterOptionsCustomizer> masterCustomizers;

    private final List<CrudJtClientOptionsCustomizer> clientCustomizers;

    CrudJtFactory(CrudJtProperties properties, Environment environment, SecretKeyResolver keys,
            List<CrudJtMasterOptionsCustomizer> masterCustomizers,
            List<CrudJtClientOptionsCustomizer> clientCustomizers) {
        this.properties = properties;
        this.environment = environment;
        this.keys = keys;
        this.masterCustomizers = masterCustomizers;
        this.clientCustomizers = clientCustomizers;
    }

    /**
     * Starts a master or connects a client, as the mode rule decides.
     *
     * @return the running master or the connected client
     * @throws CrudJtKeyException when a master has no usable secret key
     * @throws CrudJtPropertyException when a property has a value that CRUDJT rejects
     * @throws CrudJtStartupException when the master cannot start or no master answers
     */
    CrudJt create() {
        return (resolveMode() == Mode.MASTER) ? startMaster() : connectToMaster();
    }

    /**
     * Applies the mode rule, warning when a client has a key that it ignores.
     *
     * @return the mode of this process
     */
    Mode resolveMode() {
        Mode mode = this.properties.getMode();
        if (mode == null) {
            return this.keys.isConfigured() ? Mode.MASTER : Mode.CLIENT;
        }
        if (mode == Mode.CLIENT && this.keys.isConfigured()) {
            logger.warn(LogMessage.format("CRUDJT runs as a client because 'crudjt.mode' is "
                    + "client; the secret key set in %s is ignored", this.keys.describeSources()));
        }
        return mode;
    }

    private CrudJt startMaster() {
        MasterOptions options = masterOptions(this.keys.resolve());
        try {
            return CrudJt.startMaster(options);
        }
        catch (IllegalArgumentException ex) {
            throw isBindAddressFromProperties(options) ? blame(ex) : ex;
        }
        catch (CrudJtException ex) {
            throw new CrudJtStartupException(Mode.MASTER,
                    options.grpcHost() + ":" + options.grpcPort(), options.storePath(), ex);
        }
    }

    private CrudJt connectToMaster() {
        ClientOptions options = clientOptions();
        try {
            return CrudJt.connectToMaster(options);
        }
        catch (CrudJtException ex) {
            throw new CrudJtStartupException(Mode.CLIENT,
                    options.grpcHost() + ":" + options.grpcPort(), null, ex);
        }
    }

    /**
     * Builds the options of a master from the properties and the customizers.
     *
     * @param secretKey the checked secret key
     * @return the options
     * @throws CrudJtPropertyException when a property has a value that the core rejects
     * @throws IllegalArgumentException when a customizer sets a value that the core rejects
     */
    MasterOptions masterOptions(String secretKey) {
        try {
            return masterBuilder(secretKey, this.masterCustomizers).build();
        }
        catch (IllegalArgumentException ex) {
            throw blameIfPropertiesAloneFail(ex, () -> masterBuilder(secretKey, List.of()).build());
        }
    }

    /**
     * Builds the options of a client from the properties and the customizers.
     *
     * @return the options
     * @throws CrudJtPropertyException when a property has a value that the core rejects
     * @throws IllegalArgumentException when a customizer sets a value that the core rejects
     */
    ClientOptions clientOptions() {
        try {
            return clientBuilder(this.clientCustomizers).build();
        }
        catch (IllegalArgumentException ex) {
            throw blameIfPropertiesAloneFail(ex, () -> clientBuilder(List.of()).build());
        }
    }

    private MasterOptions.Builder masterBuilder(String secretKey,
            List<CrudJtMasterOptionsCustomizer> customizers) {
        CrudJtProperties.Store store = this.properties.getStore();
        CrudJtProperties.Grpc grpc = this.properties.getGrpc();
        MasterOptions.Builder builder = MasterOptions.builder().secretKey(secretKey);
        PropertyMapper map = PropertyMapper.get();
        map.from(store::getPath).to(builder::storePath);
        map.from(store::getCommitInterval).to(builder::commitInterval);
        map.from(store::getSweepInterval).to(builder::sweepInterval);
        map.from(store::getCacheSize).to(builder::cacheSize);
        map.from(store::getMaxDataSize).as(CrudJtFactory::toBytes).to(builder::maxDataSize);
        map.from(store::getDurability).to(builder::durability);
        map.from(grpc::getHost).to(builder::grpcHost);
        map.from(grpc::getPort).to(builder::grpcPort);
        map.from(grpc::isAllowRemote).to(builder::allowRemote);
        customizers.forEach((customizer) -> customizer.customize(builder));
        return builder;
    }

    private ClientOptions.Builder clientBuilder(List<CrudJtClientOptionsCustomizer> customizers) {
        CrudJtProperties.Grpc grpc = this.properties.getGrpc();
        CrudJtProperties.Client client = this.properties.getClient();
        ClientOptions.Builder builder = ClientOptions.builder();
        PropertyMapper map = PropertyMapper.get();
        map.from(grpc::getHost).to(builder::grpcHost);
        map.from(grpc::getPort).to(builder::grpcPort);
        map.from(client::getTimeout).to(builder::timeout);
        map.from(client::getConnectTimeout).to(builder::connectTimeout);
        customizers.forEach((customizer) -> customizer.customize(builder));
        return builder;
    }

    /**
     * Blames a property for a rejected option when the properties alone, without the
     * customizers, give a value that is rejected in the same way.
     */
    private RuntimeException blameIfPropertiesAloneFail(IllegalArgumentException failure,
            Supplier<?> buildFromPropertiesAlone) {
        OptionProperty option = OptionProperty.of(failure);
        if (option == null) {
            return failure;
        }
        try {
            buildFromPropertiesAlone.get();
        }
        catch (IllegalArgumentException ex) {
            if (OptionProperty.of(ex) == option) {
                return blame(ex);
            }
        }
        return failure;
    }

    private boolean isBindAddressFromProperties(MasterOptions options) {
        CrudJtProperties.Grpc grpc = this.properties.getGrpc();
        return options.grpcHost().equals(grpc.getHost())
                && options.allowRemote() == grpc.isAllowRemote();
    }

    private RuntimeException blame(IllegalArgumentException failure) {
        OptionProperty option = OptionProperty.of(failure);
        if (option == null) {
            return failure;
        }
        ConfiguredValue configured = PropertyOrigins.find(this.environment, option.property());
        String value = (configured != null) ? configured.value()
                : String.valueOf(option.boundValue(this.properties));
        Origin origin = (configured != null) ? configured.origin() : null;
        return new CrudJtPropertyException(option.property(), value,
                (origin != null) ? PropertyOrigins.describe(origin) : null, option.rule(),
                option.action(), failure);
    }

    /**
     * Converts a size to bytes, saturating at the bounds of an int, so that the core rejects a
     * size that is too large with its usual message.
     */
    private static int toBytes(DataSize size) {
        long bytes = size.toBytes();
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, bytes));
    }
}
