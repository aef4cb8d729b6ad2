package cn.shouwang.keyperson;

/** How a returnee travelled (one of the four clears), with the number: train, flight, plate. */
public enum TransportMode {

	TRAIN, FLIGHT, CAR, BUS, SHIP, OTHER;

	public String messageKey() {
		return "transport." + name();
	}

}
