package io.loyaltybatch.cli.imports;

import tools.jackson.databind.node.ObjectNode;

/**
 * A data row of an imported file.
 *
 * @param number   its position among the file's data rows, from 1
 * @param line     the line of the file it starts on, from 1
 * @param original what the file holds for it: its CSV fields, or its JSON object or text
 * @param item     the item it maps to, null when it cannot be mapped
 * @param code     the contract's code of why it cannot be mapped (3003 a bad value, 3016 not JSON), 0 when it can
 * @param error    why it cannot be mapped, null when it can
 */
record Row(long number, long line, Object original, ObjectNode item, int code, String error) {

    static Row mapped(long number, long line, Object original, ObjectNode item) {
        return new Row(number, line, original, item, 0, null);
    }

    static Row unmapped(long number, long line, Object original, int code, String error) {
        return new Row(number, line, original, null, code, error);
    }

    boolean mapped() {
        return item != null;
    }
}
