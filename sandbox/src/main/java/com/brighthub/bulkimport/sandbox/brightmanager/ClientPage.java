package com.brighthub.bulkimport.sandbox.brightmanager;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * One page of the client listing; {@code nextCursor} is null on the last page.
 */
public record ClientPage(ArrayNode clients, String nextCursor) {
}
