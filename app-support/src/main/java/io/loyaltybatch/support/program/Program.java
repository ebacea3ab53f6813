package io.loyaltybatch.support.program;

import io.loyaltybatch.model.ProgramSettings;

/**
 * One version of a tenant's program. Version 0 is the contract's defaults, the program of a tenant that never had one
 * written.
 */
public record Program(int version, ProgramSettings settings) {

    public static final Program DEFAULTS = new Program(0, ProgramSettings.DEFAULTS);
}
