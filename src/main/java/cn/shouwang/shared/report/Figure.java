package cn.shouwang.shared.report;

/**
 * One value of one figure for one unit: {@code unit} is the unit's jurisdiction path (one of
 * {@link FigureQuery#units()}), {@code code} a code of {@link DailyFigures#definitions()}.
 */
public record Figure(String unit, String code, long value) {
}
