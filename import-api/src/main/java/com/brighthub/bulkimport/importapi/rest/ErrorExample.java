package com.brighthub.bulkimport.importapi.rest;

/**
 * The shape of every error answer, for the OpenAPI document: a stable code and a message for people.
 */
public record ErrorExample(String code, String message) {
}
