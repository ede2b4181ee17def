<#--
  The parts of an SMS a customer can do without. When the text exceeds herald.sms.max-segments, Herald drops them
  whole, the lowest drop first (1: the latest location, 2: the carrier's status text), and never cuts a word or a link.
  Use: <@fit.optional drop=1> Latest location: ${shipment.location}.</@fit.optional>
-->
<#macro optional drop>${"\xE000"}${drop?c}${"\xE001"}<#nested>${"\xE002"}</#macro>
