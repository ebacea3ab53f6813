package io.loyaltybatch.gateway.item;

import tools.jackson.databind.JsonNode;

/**
 * One element of a submitted {@code body}, as read.
 *
 * @param node   the element as a JSON tree; a value the reader refused (see {@code defect}) is left out of it
 * @param bytes  the length of the element's JSON text in the request
 * @param defect why the element cannot be accepted whatever its type (a value no store could hold, a number out of
 *               range, nesting too deep, a duplicate key), naming the field; null when there is none
 */
public record SubmittedItem(JsonNode node, long bytes, String defect) {}
