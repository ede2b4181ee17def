package io.herald.faults;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;

/** A WireMock transformer that a stub applies to its answers by naming it ({@link TwilioStub}, {@link PushStub}). */
abstract class NamedTransformer implements ResponseDefinitionTransformerV2 {

    private final String name;

    NamedTransformer(String name) {
        this.name = name;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return name;
    }
}
