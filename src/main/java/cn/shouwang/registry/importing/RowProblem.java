package cn.shouwang.registry.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with one value of a row: the field (null when it concerns the whole row), a message
 * key of the bundles and its arguments. Arguments are plain values (header texts, column letters,
 * the offending value, limits); resolve with {@code messageSource.getMessage(key, args(), locale)}.
 * The caller may add its own (a grid that does not exist, a duplicate in the register) before
 * writing the {@link ErrorWorkbook}.
 */
public record RowProblem(Field field, String messageKey, List<Object> arguments) {

	public RowProblem {
		arguments = List.copyOf(arguments);
	}

	public static RowProblem of(Field field, String messageKey, Object... args) {
		List<Object> list = new ArrayList<>(args.length);
		for (Object a : args) {
			list.add(a == null ? "" : a);
		}
		return new RowProblem(field, messageKey, list);
	}

	/** The arguments as MessageSource wants them. */
	public Object[] args() {
		return this.arguments.toArray();
	}

}
