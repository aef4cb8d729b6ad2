package cn.shouwang.monitoring;

/** The measure list's filters; each may be null (status null: the running ones). */
public record MeasureFilter(Long nodeId, MeasureStatus status, MeasureType type, String text) {

	public static MeasureFilter running() {
		return new MeasureFilter(null, null, null, null);
	}

}
