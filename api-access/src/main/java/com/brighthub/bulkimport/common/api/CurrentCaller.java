package com.brighthub.bulkimport.common.api;

import jakarta.enterprise.context.RequestScoped;

/**
 * Holds the {@link Caller} that {@link AccountAccess} checked for the current request.
 */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    /** The checked caller; only reached through the account-access filter, so never null there. */
    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("no checked caller: the account-access filter did not run");
        }
        return caller;
    }
}
