package cn.shouwang.jurisdiction;

import cn.shouwang.shared.db.BulkCopy;

import org.springframework.stereotype.Component;

/**
 * Loads a whole tree at once with COPY, for the demo generator and installation. Ids are reserved
 * up front so each row's path can be written in the same pass. The caller's transaction (and
 * audit entry) covers the load.
 */
@Component
public class JurisdictionBulk {

	private final BulkCopy copy;

	JurisdictionBulk(BulkCopy copy) {
		this.copy = copy;
	}

	public long reserveIds(int count) {
		return this.copy.reserveIds("jurisdiction_node", count);
	}

	public NodeWriter nodes() {
		return new NodeWriter(this.copy.writer(
				"copy jurisdiction_node(id, parent_id, level, name, code, path) from stdin (format csv)", 10_000));
	}

	public UnitWriter units() {
		return new UnitWriter(this.copy.writer(
				"copy jurisdiction_unit(community_id, kind, name, address, jurisdiction_path) from stdin (format csv)",
				10_000));
	}

	public static final class NodeWriter implements AutoCloseable {

		private final BulkCopy.Writer writer;

		NodeWriter(BulkCopy.Writer writer) {
			this.writer = writer;
		}

		/** Writes a node and returns its path. */
		public String add(long id, Long parentId, String parentPath, Level level, String name, String code) {
			String path = (parentPath == null ? "/" : parentPath) + id + "/";
			this.writer.number(id).number(parentId).text(level.name()).text(name).text(code).text(path).endRow();
			return path;
		}

		@Override
		public void close() {
			this.writer.close();
		}

	}

	public static final class UnitWriter implements AutoCloseable {

		private final BulkCopy.Writer writer;

		UnitWriter(BulkCopy.Writer writer) {
			this.writer = writer;
		}

		public void add(long communityId, String communityPath, UnitKind kind, String name, String address) {
			this.writer.number(communityId).text(kind.name()).text(name).text(address).text(communityPath).endRow();
		}

		@Override
		public void close() {
			this.writer.close();
		}

	}

}
