package io.loyaltybatch.model;

/**
 * Text that every store accepts. PostgreSQL refuses the NUL character in {@code text} and {@code jsonb}, and a lone
 * UTF-16 surrogate has no UTF-8 form, so JSON writers and drivers replace or refuse it. The gateway rejects both at
 * submit; workers sanitise whatever they must store about an item that did not come through the gateway.
 */
public final class SafeText {

    private SafeText() {}

    /** Why {@code text} cannot be stored as it is, or null if it can. */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "contains a NUL character";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return "contains an unpaired surrogate";
                }
            } else if (Character.isLowSurrogate(c)) {
                return "contains an unpaired surrogate";
            }
        }
        return null;
    }

    /**
     * {@code text} with NUL characters and unpaired surrogates replaced by U+FFFD and cut to {@code maxLength}
     * characters (never inside a surrogate pair); null stays null.
     */
    public static String sanitise(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        StringBuilder safe = new StringBuilder(Math.min(text.length(), maxLength));
        for (int i = 0; i < text.length() && safe.length() < maxLength; i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                if (safe.length() + 2 > maxLength) {
                    break;
                }
                safe.append(c).append(text.charAt(++i));
            } else if (c == '\u0000' || Character.isSurrogate(c)) {
                safe.append('\uFFFD');
            } else {
                safe.append(c);
            }
        }
        return safe.toString();
    }
}
