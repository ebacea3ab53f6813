package io.loyaltybatch.gateway.item;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The input bounds of the contract (docs/api-contract.md, section 6), in one place. Every value that passes them can
 * be stored and computed with by every part of the system: PostgreSQL {@code text}, {@code jsonb},
 * {@code numeric(19,2)}, {@code bigint} and {@code timestamptz}, Redis, Kafka and exact Java arithmetic.
 */
public final class ItemBounds {

    /** Largest JSON text of one item. */
    public static final int MAX_ITEM_BYTES = 64 * 1024;

    /** Deepest nesting of objects and arrays inside one item (the item itself is level 1). */
    public static final int MAX_ITEM_DEPTH = 10;

    /** Longest number anywhere in an item, in characters as sent. */
    public static final int MAX_NUMBER_CHARS = 40;

    /** Most digits before and after the decimal point of any number in an item. */
    public static final int MAX_NUMBER_DIGITS = 30;

    /** Ids: {@code customerId}, {@code orderId}, {@code transactionId}. */
    public static final int MAX_ID_CHARS = 100;

    /** Free text fields: names, reasons, tags, countries and the like. */
    public static final int MAX_TEXT_CHARS = 255;

    /** Money: at most this many digits before the decimal point ... */
    public static final int MONEY_INTEGER_DIGITS = 12;

    /** ... and this many after it. */
    public static final int MONEY_FRACTION_DIGITS = 2;

    /** Largest absolute number of points in one item. */
    public static final long MAX_POINTS = 1_000_000_000_000L;

    /** Earliest and latest date-time accepted. */
    public static final Instant EARLIEST_TIME = Instant.parse("1970-01-01T00:00:00Z");

    public static final Instant LATEST_TIME = Instant.parse("9999-12-31T23:59:59Z");

    /** Earliest and latest date accepted. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1, 1, 1);

    public static final LocalDate LATEST_DATE = LocalDate.of(9999, 12, 31);

    /** Events: most names per item, and largest metadata object of one event (JSON bytes). */
    public static final int MAX_EVENTS = 50;

    public static final int MAX_EVENT_METADATA_BYTES = 4096;

    /** Largest {@code custom} object of a profile (JSON bytes), and most tags. */
    public static final int MAX_CUSTOM_BYTES = 8192;

    public static final int MAX_TAGS = 50;

    /** Most order lines, and their largest JSON size together. */
    public static final int MAX_LINE_ITEMS = 100;

    public static final int MAX_LINE_ITEMS_BYTES = 32 * 1024;

    private ItemBounds() {}

    /** Whether {@code value} is within the range of numbers any item may hold. */
    static boolean numberInRange(BigDecimal value) {
        return value.precision() - value.scale() <= MAX_NUMBER_DIGITS && value.scale() <= MAX_NUMBER_DIGITS;
    }
}
