package dev.crudjt.spring.autoconfigure;

import dev.crudjt.ClientOptions;
import dev.crudjt.CrudJt;
import dev.crudjt.CrudJtException;
import dev.crudjt.MasterOptions;
import dev.crudjt.spring.autoconfigure.CrudJtProperties.Mode;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.core.log.LogMessage;
import org.springframework.util.unit.DataSize;

/**
 * Decides the mode of this process and starts the master or connects the client, copying the
 * properties onto the options and then applying the customizers.
 *
 * <p>Mode rule: {@code crudjt.mode} when set; otherwise master when a secret key is configured
 * and client when none is. A client ignores a configured key and says so once at WARN level.
 */
final class CrudJtFactory {

    private static final Log logger = LogFactory.getLog(CrudJtFactory.class);

    private final CrudJtProperties properties;

    private final SecretKeyResolver keys;

    private final List<CrudJtMasterOptionsCustomizer> masterCustomizers;

    private final List<CrudJtClientOptionsCustomizer> clientCustomizers;

    CrudJtFactory(CrudJtProperties properties, SecretKeyResolver keys,
            List<CrudJtMasterOptionsCustomizer> masterCustomizers,
            List<CrudJtClientOptionsCustomizer> clientCustomizers) {
        this.properties = properties;
        this.keys = keys;
        this.masterCustomizers = masterCustomizers;
        this.clientCustomizers = clientCustomizers;
    }

    /**
     * Starts a master or connects a client, as the mode rule decides.
     *
     * @return the running master or the connected client
     * @throws CrudJtKeyException when a master has no usable secret key
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

    MasterOptions masterOptions(String secretKey) {
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
        this.masterCustomizers.forEach((customizer) -> customizer.customize(builder));
        return builder.build();
    }

    ClientOptions clientOptions() {
        CrudJtProperties.Grpc grpc = this.properties.getGrpc();
        CrudJtProperties.Client client = this.properties.getClient();
        ClientOptions.Builder builder = ClientOptions.builder();
        PropertyMapper map = PropertyMapper.get();
        map.from(grpc::getHost).to(builder::grpcHost);
        map.from(grpc::getPort).to(builder::grpcPort);
        map.from(client::getTimeout).to(builder::timeout);
        map.from(client::getConnectTimeout).to(builder::connectTimeout);
        this.clientCustomizers.forEach((customizer) -> customizer.customize(builder));
        return builder.build();
    }

    private static int toBytes(DataSize size) {
        long bytes = size.toBytes();
        if (bytes < Integer.MIN_VALUE || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "'crudjt.store.max-data-size' must be from 2 to 65536 bytes, was " + size);
        }
        return (int) bytes;
    }
}
