package io.herald;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
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

    @Test
    void onTwoCpusTheCommonPoolHasTwoThreadsSoAsynchronousAnswersDoNotEachStartAThread() throws Exception {
        assertThat(commonPoolIn(2, false)).as("the JDK's default, for the test to mean anything")
                .isEqualTo("1 ThreadPerTaskExecutor");

        assertThat(commonPoolIn(2, true)).isEqualTo("2 ForkJoinPool");
        assertThat(commonPoolIn(4, true)).as("more CPUs: the JDK's default").isEqualTo("3 ForkJoinPool");
    }

    /**
     * The common pool's parallelism and CompletableFuture's default executor in a new JVM that sees {@code cpus} CPUs,
     * with Herald's application class loaded first or not.
     */
    private static String commonPoolIn(int cpus, boolean heraldLoaded) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:ActiveProcessorCount=" + cpus,
                "-cp", System.getProperty("java.class.path"), CommonPoolProbe.class.getName(),
                String.valueOf(heraldLoaded))).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    /** Prints what {@link #commonPoolIn} reads. */
    static final class CommonPoolProbe {

        public static void main(String[] args) throws ClassNotFoundException {
            if (Boolean.parseBoolean(args[0])) {
                Class.forName(HeraldApplication.class.getName());
            }
            System.out.println(ForkJoinPool.getCommonPoolParallelism() + " "
                    + new CompletableFuture<Void>().defaultExecutor().getClass().getSimpleName());
        }
    }
}
