package com.brighthub.bulkimport.model.client;

/**
 * The fixed list of roles a contact can hold at a client (BrightManager's Role dropdown).
 */
public enum ContactRole {
    DIRECTOR, SECRETARY, MEMBER, SHAREHOLDER, PARTNER, TRUSTEE, PROPRIETOR
}
