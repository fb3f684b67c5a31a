package com.brighthub.bulkimport.model.events;

/**
 * Why a client is in the pipeline: a bulk import run, or a save in BrightManager.
 */
public enum Origin {
    IMPORT, SAVE
}
