package io.herald;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.Test;

class HeraldApplicationTest {

    @Test
    void mailStreamProviderIsNamedSoJakartaMailSkipsTheClassPathScan() throws ClassNotFoundException {
        Class.forName(HeraldApplication.class.getName());

        assertThat(System.getProperty(HeraldApplication.MAIL_STREAM_PROVIDER))
                .isEqualTo(MailStreamProvider.class.getName());
        assertThat(StreamProvider.provider()).isInstanceOf(MailStreamProvider.class);
    }

    @Test
    void h2sCacheOfRecentStringsIsOff() throws ClassNotFoundException {
        Class.forName(HeraldApplication.class.getName());

        assertThat(System.getProperty(HeraldApplication.H2_OBJECT_CACHE)).isEqualTo("false");
    }
}
