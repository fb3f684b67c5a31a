package com.brighthub.bulkimport.common.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryParamsTest {

    private enum Status { OPEN, RESOLVED }

    private static ApiException refused(org.junit.jupiter.api.function.Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(400, e.status());
        assertEquals("INVALID_PARAMETER", e.code());
        return e;
    }

    @Test
    void absentOrBlankIsTheDefault() {
        assertEquals(0, QueryParams.page(null));
        assertEquals(100, QueryParams.size(" ", 100));
        assertNull(QueryParams.bool("open", ""));
        assertNull(QueryParams.oneOf("status", null, Status.class));
        assertNull(QueryParams.oneOf("reason", " ", Set.of("A")));
    }

    @Test
    void valuesInRangeAreRead() {
        assertEquals(3, QueryParams.page(" 3 "));
        assertEquals(1, QueryParams.size("1", 100));
        assertEquals(QueryParams.MAX_PAGE_SIZE, QueryParams.size("1000", 100));
        assertEquals(Boolean.FALSE, QueryParams.bool("open", "false"));
        assertEquals(Status.RESOLVED, QueryParams.oneOf("status", "RESOLVED", Status.class));
        assertEquals("A", QueryParams.oneOf("reason", "A", Set.of("A", "B")));
    }

    @Test
    void anythingElseIsRefusedNamingTheParameterAndWhatItMayBe() {
        assertEquals("size must be a whole number from 1 to 1000", refused(() -> QueryParams.size("1001", 100))
                .getMessage());
        refused(() -> QueryParams.size("0", 100));
        refused(() -> QueryParams.page("-1"));
        refused(() -> QueryParams.page("1e3"));
        refused(() -> QueryParams.bool("open", "yes"));
        assertEquals("status must be one of [OPEN, RESOLVED]",
                refused(() -> QueryParams.oneOf("status", "open", Status.class)).getMessage());
        refused(() -> QueryParams.oneOf("reason", "C", Set.of("A", "B")));
    }
}
