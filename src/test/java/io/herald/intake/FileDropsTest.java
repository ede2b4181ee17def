package io.herald.intake;

import io.herald.support.Names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.normalize.IntakeRejectedException;
import io.herald.normalize.RejectReason;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class FileDropsTest {

    private final FileDrops drops = new FileDrops(null, 1000);

    private static Exchange dropped(String relativePath, long length) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.FILE_NAME, relativePath);
        exchange.getMessage().setHeader(Exchange.FILE_NAME_ONLY, relativePath.substring(relativePath.indexOf('/') + 1));
        exchange.getMessage().setHeader(Exchange.FILE_PARENT, "inbox/" + relativePath.substring(0, relativePath.indexOf('/')));
        exchange.getMessage().setHeader(Exchange.FILE_LENGTH, length);
        exchange.getMessage().setBody("id\n1\n");
        return exchange;
    }

    @Test
    void sourceIsTheFolderAndTheFileIsBoundForErrorUntilFinished() {
        Exchange exchange = dropped("wms-csv/export.csv", 10);

        drops.open(exchange);

        assertThat(exchange.getMessage().getHeader(Names.Header.SOURCE)).isEqualTo("wms-csv");
        assertThat(exchange.getProperty(FileDrops.OUTCOME)).isEqualTo(FileDrops.ERROR);
        assertThat(exchange.getProperty(FileDrops.NAME)).isEqualTo("export.csv");
        assertThat(exchange.getProperty(FileDrops.FOLDER)).isEqualTo("inbox/wms-csv");

        drops.finish(exchange);

        assertThat(exchange.getProperty(FileDrops.OUTCOME)).isEqualTo(FileDrops.DONE);
    }

    @Test
    void fileLargerThanTheLimitIsRefusedUnread() {
        Exchange exchange = dropped("wms-csv/huge.csv", 1001);

        assertThatThrownBy(() -> drops.open(exchange))
                .isInstanceOfSatisfying(IntakeRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.PAYLOAD_TOO_LARGE);
                    assertThat(e.getMessage()).isEqualTo("The file has 1001 bytes; the limit is 1000");
                });
        assertThat(exchange.getMessage().getBody(byte[].class)).isEmpty();
    }
}
