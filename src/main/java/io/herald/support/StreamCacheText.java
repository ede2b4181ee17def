package io.herald.support;

import java.nio.charset.Charset;
import org.apache.camel.Converter;
import org.apache.camel.Exchange;
import org.apache.camel.TypeConverters;
import org.apache.camel.converter.stream.InputStreamCache;
import org.apache.camel.support.ExchangeHelper;

/**
 * Reads a stream cache held in memory as text in one step. A {@code marshal} step leaves its output in an
 * {@link InputStreamCache} (stream caching is on), and the Kafka producer then turns each such body into the String
 * its serializer takes. Camel's general conversion from an InputStream goes through a Reader, with an 8 KB byte buffer,
 * a 16 KB char buffer and a growing StringBuilder for every body: 5 % of all that Herald allocated in the benchmark
 * (docs/benchmarks.md, "The collector"). This one decodes the cache's remaining bytes at once, in the exchange's
 * charset as that conversion does (UTF-8 unless the exchange names another). camel-main registers it, as a
 * {@link TypeConverters} bean, for this exact pair of types; every other conversion stays Camel's.
 */
public class StreamCacheText implements TypeConverters {

    @Converter
    public String toText(InputStreamCache cache, Exchange exchange) {
        return new String(cache.readAllBytes(), Charset.forName(ExchangeHelper.getCharsetName(exchange)));
    }
}
