package com.brighthub.bulkimport.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientKeyTest {

    @Test
    void tenantsWhoseIdsJoinToTheSameTextAreDifferentKeys() {
        ClientKey first = ClientKey.of("a:b", "c");
        ClientKey second = ClientKey.of("a", "b:c");

        assertThat(first.value()).isEqualTo("a%3Ab:c");
        assertThat(second.value()).isEqualTo("a:b%3Ac");
        assertThat(first.idempotencyKey(0)).isNotEqualTo(second.idempotencyKey(0));
        assertThat(Topics.clientKey("a:b", "c")).isNotEqualTo(Topics.clientKey("a", "b:c"));
        assertThat(Topics.importKey("a:b", "c")).isNotEqualTo(Topics.importKey("a", "b:c"));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void idsWithoutColonOrPercentKeepTheirFormerKeys() {
        assertThat(ClientKey.of("ACC-1", "BM-0000001").value()).isEqualTo("ACC-1:BM-0000001");
        assertThat(ClientKey.of("ACC-1", "BM-7").idempotencyKey(2)).isEqualTo("ACC-1:BM-7:2");
        assertThat(ClientKey.of("ACC-1", "BM-7")).hasToString("ACC-1:BM-7");
    }

    @ParameterizedTest
    @CsvSource({"a:b,c", "a,b:c", "a%3A,b", "%,%", "100%,x:y:z", "ACC.1_x-y,BM-1"})
    void everyKeyReadsBackAsItself(String account, String client) {
        ClientKey key = ClientKey.of(account, client);

        assertThat(ClientKey.parse(key.value())).contains(key);
    }

    @ParameterizedTest
    @CsvSource(value = {"no-colon", "a:b:c", "a%3:b", "a%zz:b", "NULL"}, nullValues = "NULL")
    void whatIsNotAKeyParsesToNothing(String text) {
        assertThat(ClientKey.parse(text)).isEmpty();
    }

    @Test
    void aKeyNeedsBothIds() {
        assertThatIllegalArgumentException().isThrownBy(() -> ClientKey.of(null, "c"));
        assertThatIllegalArgumentException().isThrownBy(() -> ClientKey.of("a", null));
    }
}
