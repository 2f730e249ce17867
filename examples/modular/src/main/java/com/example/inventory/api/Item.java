package com.example.inventory.api;

/** Some units of one named thing. */
public record Item(String name, int units) {}
