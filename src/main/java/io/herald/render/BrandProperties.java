package io.herald.render;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The retailer's brand, under {@code herald.brand.*}: what the email layout shows and who the emails come from.
 *
 * @param name              the shop's name, in the email header and footer
 * @param logoUrl           an absolute URL of the logo shown atop each email; none when unset
 * @param colour            the accent colour of the email layout, as CSS ({@code #0b5fff})
 * @param supportEmail      the address customers may write to; shown in each email's footer when set
 * @param supportPhone      the number customers may call; shown in each email's footer when set
 * @param trackingLink      a link pattern with {@code {carrier}} and {@code {trackingNumber}}, for example the shop's
 *                          own tracking page; when unset, the carrier's public tracking page (UPS, FedEx, USPS, DHL)
 * @param emailFrom         the From address of optional types; {@code herald.notifications.email-from} when unset
 * @param emailFromCritical the From address of critical alerts, so that they can be told apart from optional types;
 *                          {@code emailFrom} when unset
 */
@ConfigurationProperties("herald.brand")
public record BrandProperties(
        @DefaultValue("Herald") String name,
        String logoUrl,
        @DefaultValue("#1d4ed8") String colour,
        String supportEmail,
        String supportPhone,
        String trackingLink,
        String emailFrom,
        String emailFromCritical) {
}
