package org.onecall.events;

/**
 * One line of a resident's needs list (需求清单): "降压药 ×2", "挂面", "鸡蛋 一盒". The merchant match
 * and the volunteer who shops both read it. {@code unit} and {@code notes} (brand, size) may be null;
 * a null {@code quantity} in an inbound message means one.
 */
public record NeedItem(String name, Integer quantity, String unit, String notes) {
}
