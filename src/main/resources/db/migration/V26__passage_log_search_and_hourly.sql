-- The passage log's name search and hourly counts without reading a whole day of a district
-- (docs/adr/0008-passage-log-reads.md).
--
-- Name search: pg_trgm (V5) finds no trigram in a pattern shorter than three characters, and most
-- Chinese names are two or three: '%张伟%' made its GIN index read every entry. Instead the index
-- holds each name's single characters and pairs of characters; a search asks for the pairs of the
-- text (a single character for one character) and LIKE still decides, so the matches are exactly
-- those of LIKE alone. Pure functions of their argument, so they can be indexed.
create function name_grams(t text) returns text[] language sql immutable strict parallel safe as $$
  select coalesce(array_agg(distinct g), '{}')
  from generate_series(1, char_length(t)) i
  cross join lateral (values (substr(t, i, 1)), (case when i < char_length(t) then substr(t, i, 2) end)) v (g)
  where g is not null
$$;

create function name_grams_query(t text) returns text[] language sql immutable strict parallel safe as $$
  select case when char_length(t) < 2 then array[t]
    else (select array_agg(distinct substr(t, i, 2)) from generate_series(1, char_length(t) - 1) i) end
$$;

-- one row per pass: a name search first finds the persons, then probes passage by (person_id, at)
create index pass_name_grams_idx on pass using gin (name_grams(name));
-- visitors only (about one passage in twenty): residents' passages never touch this index
create index passage_visitor_grams_idx on passage using gin (name_grams(visitor_name)) where visitor_name is not null;

-- Hourly counts: every passage is already in (checkpoint_id, at); carrying what the counts and the
-- scope need lets a street's day be counted from the index alone, without a heap page per row.
-- Built before the old one goes, so that the log's reads always have an index to use.
create index passage_checkpoint_at_cover_idx on passage (checkpoint_id, at)
  include (jurisdiction_path, direction, decision, temperature);
drop index passage_checkpoint_at_idx;
alter index passage_checkpoint_at_cover_idx rename to passage_checkpoint_at_idx;
