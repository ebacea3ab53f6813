package io.loyaltybatch.cli.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loyaltybatch.cli.UsageError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowSourceTest {

    @TempDir
    Path dir;

    private List<Row> rows(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        List<Row> rows = new ArrayList<>();
        try (RowSource source = RowSource.open(file)) {
            source.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void csvRowsKnowTheLineTheyStartOnEvenAfterAQuotedLineBreak() throws IOException {
        List<Row> rows = rows("a.csv", "customerId,customerAttributes.displayName\na,\"two\nlines\"\nb,B\nc\n");

        assertThat(rows).extracting(Row::number).containsExactly(1L, 2L, 3L);
        assertThat(rows).extracting(Row::line).containsExactly(2L, 4L, 5L);
        assertThat(rows.get(0)
                        .item()
                        .get("customerAttributes")
                        .get("displayName")
                        .asString())
                .isEqualTo("two\nlines");
        assertThat(rows.get(2).mapped()).isFalse();
        assertThat(rows.get(2).code()).isEqualTo(3003);
    }

    @Test
    void aBrokenCsvFileIsAnErrorWithItsLine() {
        assertThatThrownBy(() -> rows("b.csv", "customerId\na\n\"never closed\n"))
                .isInstanceOf(UsageError.class)
                .hasMessageMatching(".*b\\.csv:3: not valid CSV.*");
        assertThatThrownBy(() -> rows("c.csv", "id,id\n1,2\n")).isInstanceOf(UsageError.class);
        assertThatThrownBy(() -> rows("d.txt", "x")).hasMessageContaining("not a .csv");
    }

    @Test
    void aJsonLineThatIsNotAnObjectIsARowThatFailsAndReadingGoesOn() throws IOException {
        List<Row> rows = rows(
                "a.jsonl",
                "{\"customerId\": \"a\", \"_line\": 3}\n\n{\"customerId\": \n[1]\n{\"customerId\": \"b\"}\n{} {}\n");

        assertThat(rows).extracting(Row::line).containsExactly(1L, 3L, 4L, 5L, 6L);
        assertThat(rows.get(4).code()).as("two values on a line").isEqualTo(3016);
        assertThat(rows.get(0).item().toString()).isEqualTo("{\"customerId\":\"a\"}");
        assertThat(rows.get(1).code()).isEqualTo(3016);
        assertThat(rows.get(1).error()).startsWith("not JSON at column");
        assertThat(rows.get(2).code()).isEqualTo(3003);
        assertThat(rows.get(3).mapped()).isTrue();
    }

    @Test
    void aJsonFileIsAnArrayOrABodyAndABrokenOneIsAnErrorWithLineAndColumn() throws IOException {
        assertThat(rows("a.json", "[{\"customerId\": \"a\"},\n {\"customerId\": \"b\"}]"))
                .extracting(Row::line)
                .containsExactly(1L, 2L);
        assertThat(rows("b.json", "{\"other\": {\"x\": [1]}, \"body\": [{\"customerId\": \"a\"}]}"))
                .hasSize(1);
        assertThatThrownBy(() -> rows("c.json", "[{\"customerId\": \"a\"},\n {\"customerId\" \"b\"}]"))
                .isInstanceOf(UsageError.class)
                .hasMessageMatching(".*c\\.json:2:\\d+: not valid JSON.*");
        assertThatThrownBy(() -> rows("d.json", "[1]")).hasMessageContaining("must be an object");
    }
}
