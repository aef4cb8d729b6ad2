package cn.shouwang.demo;

/**
 * How much demo data to make. "street" is the default (1 street, 12 communities, 60 grids,
 * about 15,000 households and 40,000 persons); "district" is for benchmarks (13 streets,
 * 331 communities, about 1,600 grids, 500,000 households, 1.3 million persons); "test" is a
 * small tree with two streets for the test suite.
 */
public record DemoScale(String name, int streets, int communities, int grids, int buildingsPerGrid, int households,
		double personsPerHousehold) {

	public static DemoScale of(String name) {
		return switch (name == null ? "street" : name.trim().toLowerCase(java.util.Locale.ROOT)) {
			case "street" -> new DemoScale("street", 1, 12, 60, 10, 15_000, 2.67);
			case "district" -> new DemoScale("district", 13, 331, 1_600, 12, 500_000, 2.6);
			case "test" -> new DemoScale("test", 2, 4, 8, 2, 96, 2.5);
			default -> throw new IllegalArgumentException(
					"shouwang.demo.scale must be street, district or test, not " + name);
		};
	}

}
