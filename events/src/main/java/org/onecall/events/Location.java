package org.onecall.events;

/** WGS84 position. */
public record Location(double lat, double lon) {

    private static final double EARTH_RADIUS_M = 6_371_000d;

    /** Great-circle distance in metres; at community scale this is the walking distance's lower bound. */
    public double metresTo(Location other) {
        double dLat = Math.toRadians(other.lat - lat);
        double dLon = Math.toRadians(other.lon - lon);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat)) * Math.cos(Math.toRadians(other.lat))
                * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
