package io.github.relayllm.core.template;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Python's {@code datetime.strftime} in the C locale for the directives chat templates use
 * ({@code strftime_now("%d %b %Y")} gives {@code 26 Jul 2024}): {@code %a %A %b %B %d %e %H %I
 * %j %m %M %p %S %y %Y %Z %z %%} and the glibc {@code %-d}-style unpadded forms.
 */
final class PythonStrftime {
    private PythonStrftime() {}

    static String format(ZonedDateTime time, String pattern) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 >= pattern.length()) {
                out.append(c);
                continue;
            }
            char directive = pattern.charAt(++i);
            boolean unpadded = directive == '-' && i + 1 < pattern.length();
            if (unpadded) {
                directive = pattern.charAt(++i);
            }
            out.append(field(time, directive, unpadded));
        }
        return out.toString();
    }

    private static String field(ZonedDateTime time, char directive, boolean unpadded) {
        return switch (directive) {
            case 'a' -> time.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'A' -> time.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'b', 'h' -> time.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'B' -> time.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'd' -> number(time.getDayOfMonth(), 2, unpadded);
            case 'e' -> unpadded ? String.valueOf(time.getDayOfMonth()) : "%2d".formatted(time.getDayOfMonth());
            case 'H' -> number(time.getHour(), 2, unpadded);
            case 'I' -> number(time.getHour() % 12 == 0 ? 12 : time.getHour() % 12, 2, unpadded);
            case 'j' -> number(time.getDayOfYear(), 3, unpadded);
            case 'm' -> number(time.getMonthValue(), 2, unpadded);
            case 'M' -> number(time.getMinute(), 2, unpadded);
            case 'p' -> time.getHour() < 12 ? "AM" : "PM";
            case 'S' -> number(time.getSecond(), 2, unpadded);
            case 'y' -> number(time.getYear() % 100, 2, unpadded);
            case 'Y' -> String.valueOf(time.getYear());
            case 'Z' -> time.getZone().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'z' ->
                time.getOffset().getId().equals("Z")
                        ? "+0000"
                        : time.getOffset().getId().replace(":", "");
            case '%' -> "%";
            default -> throw new RenderError("strftime directive %" + directive + " is not supported");
        };
    }

    private static String number(int value, int width, boolean unpadded) {
        String digits = String.valueOf(value);
        return unpadded || digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
}
