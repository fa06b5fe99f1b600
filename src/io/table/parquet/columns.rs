//! Parquet columns as the table core sees them: which columns are flat
//! enough to read, what each one holds (from its physical and logical
//! types), and its values in one row group, row by row.

use ::parquet::basic::{ConvertedType, LogicalType, TimeUnit, Type as Physical};
use ::parquet::column::reader::{ColumnReader, ColumnReaderImpl};
use ::parquet::data_type::{ByteArray, DataType, FixedLenByteArray, Int96};
use ::parquet::file::reader::RowGroupReader;
use ::parquet::schema::types::{ColumnDescriptor, SchemaDescriptor};

use std::fmt::Write as _;

use super::super::Cell;
use crate::time::{
    Date, NANOS_PER_DAY, NANOS_PER_MILLI, NANOS_PER_MIN, NANOS_PER_SEC, Precision, Time,
};

/// What a column holds, from its physical and logical types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `BOOLEAN`.
    Bool,
    /// A signed integer (`INT32`, `INT64`).
    Integer,
    /// An unsigned integer stored in `INT32`/`INT64` bits.
    Unsigned,
    /// A decimal with this many digits after the point.
    Decimal(i32),
    /// `FLOAT`, `DOUBLE`.
    Float,
    /// `DATE`: days since 1970-01-01.
    Days,
    /// `TIMESTAMP`: units of this many nanoseconds since 1970.
    Instant(i64),
    /// The legacy `INT96` timestamp (Spark, old pandas): Julian day and
    /// nanoseconds of the day.
    Int96,
    /// `TIME`: units of this many nanoseconds since midnight.
    Clock(i64),
    /// Text (`STRING`, `ENUM`, `JSON`, or bytes with no annotation).
    Text,
    /// A UUID, shown in its usual hexadecimal form.
    Uuid,
}

impl Kind {
    /// True for the kinds whose values are instants with a time of day.
    #[must_use]
    pub const fn is_instant(self) -> bool {
        matches!(self, Self::Instant(_) | Self::Int96)
    }
}

/// A column Chronoscope reads.
#[derive(Clone, Debug)]
pub struct Column {
    /// Index of the column (leaf) in the file's schema.
    pub leaf: usize,
    /// Its name, the table's header.
    pub name: String,
    /// What it holds.
    pub kind: Kind,
}

/// The readable columns of a file, and the names of those left out.
#[derive(Clone, Debug, Default)]
pub struct Schema {
    /// Flat columns of a known kind, in the file's order.
    pub columns: Vec<Column>,
    /// Nested or repeated columns (lists, structs, maps), by top-level name.
    pub nested: Vec<String>,
    /// Flat columns of a kind Chronoscope does not read (intervals, raw
    /// fixed-length bytes, geometry).
    pub unsupported: Vec<String>,
}

/// Sorts a file's columns into readable, nested and unsupported ones.
#[must_use]
pub fn schema(descr: &SchemaDescriptor) -> Schema {
    let mut out = Schema::default();
    for (leaf, column) in descr.columns().iter().enumerate() {
        let root = descr.get_column_root(leaf);
        let name = root.name().to_owned();
        if root.is_group() || column.max_rep_level() > 0 {
            if !out.nested.contains(&name) {
                out.nested.push(name);
            }
            continue;
        }
        match kind(column) {
            Some(kind) => out.columns.push(Column { leaf, name, kind }),
            None => out.unsupported.push(name),
        }
    }
    out
}

const fn unit_nanos(unit: TimeUnit) -> i64 {
    match unit {
        TimeUnit::MILLIS => 1_000_000,
        TimeUnit::MICROS => 1_000,
        TimeUnit::NANOS => 1,
    }
}

/// The kind of a flat column; `None` for what Chronoscope does not read.
fn kind(column: &ColumnDescriptor) -> Option<Kind> {
    let physical = column.physical_type();
    // The logical type (Parquet 2.4+) wins; older writers set only the
    // converted type.
    let logical = match column.logical_type_ref() {
        Some(LogicalType::String | LogicalType::Enum | LogicalType::Json) => Some(Kind::Text),
        Some(LogicalType::Decimal(d)) => Some(Kind::Decimal(d.scale)),
        Some(LogicalType::Date) => Some(Kind::Days),
        Some(LogicalType::Timestamp(t)) => Some(Kind::Instant(unit_nanos(t.unit))),
        Some(LogicalType::Time(t)) => Some(Kind::Clock(unit_nanos(t.unit))),
        Some(LogicalType::Integer(i)) if !i.is_signed => Some(Kind::Unsigned),
        Some(LogicalType::Uuid) => Some(Kind::Uuid),
        Some(LogicalType::Integer(_)) | None => None,
        // Maps, lists, geometry, variants, float16: not read.
        Some(_) => return None,
    };
    let converted = match column.converted_type() {
        ConvertedType::UTF8 | ConvertedType::ENUM | ConvertedType::JSON => Some(Kind::Text),
        ConvertedType::DECIMAL => Some(Kind::Decimal(column.type_scale())),
        ConvertedType::DATE => Some(Kind::Days),
        ConvertedType::TIMESTAMP_MILLIS => Some(Kind::Instant(1_000_000)),
        ConvertedType::TIMESTAMP_MICROS => Some(Kind::Instant(1_000)),
        ConvertedType::TIME_MILLIS => Some(Kind::Clock(1_000_000)),
        ConvertedType::TIME_MICROS => Some(Kind::Clock(1_000)),
        ConvertedType::UINT_8
        | ConvertedType::UINT_16
        | ConvertedType::UINT_32
        | ConvertedType::UINT_64 => Some(Kind::Unsigned),
        _ => None,
    };
    let annotated = logical.or(converted);
    // The annotation must fit the bits it annotates.
    match (physical, annotated) {
        (Physical::BOOLEAN, None) => Some(Kind::Bool),
        (Physical::INT32 | Physical::INT64, None) => Some(Kind::Integer),
        (Physical::INT32, Some(k @ (Kind::Days | Kind::Decimal(_) | Kind::Unsigned))) => Some(k),
        (Physical::INT32, Some(Kind::Clock(nanos))) if nanos == 1_000_000 => {
            Some(Kind::Clock(nanos))
        }
        (Physical::INT64, Some(k @ (Kind::Instant(_) | Kind::Decimal(_) | Kind::Unsigned))) => {
            Some(k)
        }
        (Physical::INT64, Some(Kind::Clock(nanos))) if nanos < 1_000_000 => {
            Some(Kind::Clock(nanos))
        }
        (Physical::INT96, None) => Some(Kind::Int96),
        (Physical::FLOAT | Physical::DOUBLE, None) => Some(Kind::Float),
        (Physical::BYTE_ARRAY, None | Some(Kind::Text)) => Some(Kind::Text),
        (Physical::BYTE_ARRAY | Physical::FIXED_LEN_BYTE_ARRAY, Some(Kind::Decimal(s))) => {
            Some(Kind::Decimal(s))
        }
        (Physical::FIXED_LEN_BYTE_ARRAY, Some(Kind::Uuid)) if column.type_length() == 16 => {
            Some(Kind::Uuid)
        }
        _ => None,
    }
}

/// A column's values in one row group, as the file stores them.
enum Values {
    Bool(Vec<bool>),
    I32(Vec<i32>),
    I64(Vec<i64>),
    I96(Vec<Int96>),
    F32(Vec<f32>),
    F64(Vec<f64>),
    Bytes(Vec<ByteArray>),
    Fixed(Vec<FixedLenByteArray>),
}

/// One value, borrowed from its chunk.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value<'a> {
    /// Null.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(f64),
    /// An integer too large for an `f64` to hold exactly.
    BigInteger(i128),
    /// An instant, in nanoseconds since 1970 (UTC).
    Instant(i128),
    /// A day, in days since 1970-01-01.
    Days(i32),
    /// A time of day, in nanoseconds since midnight.
    Clock(i64),
    /// Text or bytes as stored.
    Text(&'a [u8]),
    /// A UUID's 16 bytes.
    Uuid(&'a [u8]),
}

/// A column's values in one row group, with where each row's value is.
pub struct Chunk {
    kind: Kind,
    values: Values,
    /// Index into `values` of each row's value (`u32::MAX`: null); `None`
    /// when no row is null.
    slots: Option<Vec<u32>>,
    rows: usize,
}

/// Records read per call: a damaged page header cannot make one call
/// allocate more than this many values.
const BATCH: usize = 65_536;

/// Reads up to `rows` records of a flat column.
fn read_all<T: DataType>(
    mut reader: ColumnReaderImpl<T>,
    rows: usize,
    nullable: bool,
) -> Result<(Vec<T::T>, Vec<i16>), String> {
    // Reserved once (growing by doubling would copy a 1M-row column some
    // twenty times), but no more than a damaged footer can be trusted with.
    let mut values = Vec::with_capacity(rows.min(1 << 22));
    let mut defs = Vec::with_capacity(if nullable { rows.min(1 << 22) } else { 0 });
    let mut done = 0;
    while done < rows {
        let want = (rows - done).min(BATCH);
        let (records, _, _) = reader
            .read_records(want, nullable.then_some(&mut defs), None, &mut values)
            .map_err(|e| e.to_string())?;
        if records == 0 {
            break;
        }
        done += records;
    }
    if done < rows {
        return Err(format!(
            "it holds {done} values where {rows} rows were expected"
        ));
    }
    Ok((values, defs))
}

impl Chunk {
    /// Reads the first `rows` rows of `column` in row group `group`.
    ///
    /// # Errors
    /// The Parquet reader's message when the column's pages are damaged.
    pub fn read(group: &dyn RowGroupReader, column: &Column, rows: usize) -> Result<Self, String> {
        let reader = group
            .get_column_reader(column.leaf)
            .map_err(|e| e.to_string())?;
        let nullable = group
            .metadata()
            .schema_descr()
            .columns()
            .get(column.leaf)
            .is_some_and(|c| c.max_def_level() > 0);
        let (values, defs) = match reader {
            ColumnReader::BoolColumnReader(r) => {
                let (v, d) = read_all(r, rows, nullable)?;
                (Values::Bool(v), d)
            }
            ColumnReader::Int32ColumnReader(r) => {
                let (v, d) = read_all(r, rows, nullable)?;
                (Values::I32(v), d)
            }
            ColumnReader::Int64ColumnReader(r) => {
                let (v, d) = read_all(r, rows, nullable)?;
                (Values::I64(v), d)
            }
            ColumnReader::Int96ColumnReader(r) => {
                let (v, d) = read_all(r, rows, nullable)?;
                (Values::I96(v), d)
            }
            ColumnReader::FloatColumnReader(r) => {
                let (v, d) = read_all(r, rows, nullable)?;
                (Values::F32(v), d)
            }
            ColumnReader::DoubleColumnReader(r) => {
                let (v, d) = read_all(r, rows, nullable)?;
                (Values::F64(v), d)
            }
            ColumnReader::ByteArrayColumnReader(r) => {
                let (v, d) = read_all(r, rows, nullable)?;
                (Values::Bytes(v), d)
            }
            ColumnReader::FixedLenByteArrayColumnReader(r) => {
                let (v, d) = read_all(r, rows, nullable)?;
                (Values::Fixed(v), d)
            }
        };
        let slots = if nullable && defs.contains(&0) {
            let mut next = 0_u32;
            Some(
                defs.iter()
                    .map(|&d| {
                        if d > 0 {
                            next += 1;
                            next - 1
                        } else {
                            u32::MAX
                        }
                    })
                    .collect(),
            )
        } else {
            None
        };
        Ok(Self {
            kind: column.kind,
            values,
            slots,
            rows,
        })
    }

    /// Rows in the chunk.
    #[must_use]
    pub const fn rows(&self) -> usize {
        self.rows
    }

    /// What the column holds.
    #[must_use]
    pub const fn kind(&self) -> Kind {
        self.kind
    }

    /// The value of row `row` (`Null` past the end).
    #[must_use]
    pub fn value(&self, row: usize) -> Value<'_> {
        let at = match &self.slots {
            Some(slots) => match slots.get(row) {
                Some(&slot) if slot != u32::MAX => slot as usize,
                _ => return Value::Null,
            },
            None => row,
        };
        self.value_at(at).unwrap_or(Value::Null)
    }

    fn value_at(&self, at: usize) -> Option<Value<'_>> {
        let kind = self.kind;
        Some(match &self.values {
            Values::Bool(v) => Value::Bool(*v.get(at)?),
            Values::I32(v) => integer(kind, i64::from(*v.get(at)?), true),
            Values::I64(v) => integer(kind, *v.get(at)?, false),
            Values::I96(v) => Value::Instant(int96_nanos(v.get(at)?)),
            Values::F32(v) => Value::Number(f64::from(*v.get(at)?)),
            Values::F64(v) => Value::Number(*v.get(at)?),
            Values::Bytes(v) => bytes(kind, v.get(at)?.data()),
            Values::Fixed(v) => bytes(kind, v.get(at)?.data()),
        })
    }
}

/// A stored integer as what its kind says it is.
fn integer(kind: Kind, raw: i64, narrow: bool) -> Value<'static> {
    match kind {
        Kind::Days => Value::Days(i32::try_from(raw).unwrap_or(0)),
        Kind::Instant(unit) => Value::Instant(i128::from(raw) * i128::from(unit)),
        Kind::Clock(unit) => Value::Clock(raw.saturating_mul(unit)),
        // Unsigned values keep their bits: 0xFFFF_FFFF is 4294967295.
        // The INT32 was widened with its sign: its low 32 bits are the value.
        Kind::Unsigned if narrow => number(i128::from(raw) & 0xFFFF_FFFF),
        Kind::Unsigned => number(i128::from(raw.cast_unsigned())),
        Kind::Decimal(scale) => decimal(i128::from(raw), scale),
        _ => number(i128::from(raw)),
    }
}

/// An integer as a number, or as itself when an `f64` would round it.
fn number(value: i128) -> Value<'static> {
    const EXACT: i128 = 1 << 53;
    if (-EXACT..=EXACT).contains(&value) {
        #[allow(clippy::cast_precision_loss)] // Exact within ±2^53.
        let value = value as f64;
        Value::Number(value)
    } else {
        Value::BigInteger(value)
    }
}

fn decimal(unscaled: i128, scale: i32) -> Value<'static> {
    if scale == 0 {
        return number(unscaled);
    }
    #[allow(clippy::cast_precision_loss)] // A decimal shown as a number.
    let value = unscaled as f64 / 10_f64.powi(scale);
    Value::Number(value)
}

fn bytes(kind: Kind, data: &[u8]) -> Value<'_> {
    match kind {
        Kind::Decimal(scale) if data.len() <= 16 => {
            // Big-endian two's complement, sign-extended from its first byte.
            let fill = if data.first().is_some_and(|&b| b & 0x80 != 0) {
                0xFF
            } else {
                0
            };
            let mut wide = [fill; 16];
            wide[16 - data.len()..].copy_from_slice(data);
            decimal(i128::from_be_bytes(wide), scale)
        }
        Kind::Uuid => Value::Uuid(data),
        _ => Value::Text(data),
    }
}

/// Nanoseconds since 1970 of an `INT96` timestamp: nanoseconds of the day
/// in the first eight bytes, the Julian day in the last four.
fn int96_nanos(value: &Int96) -> i128 {
    const JULIAN_DAY_OF_EPOCH: i128 = 2_440_588;
    let (low, high, day) = match *value.data() {
        [low, high, day, ..] => (low, high, day),
        _ => (0, 0, 0),
    };
    let nanos_of_day = (u64::from(high) << 32) | u64::from(low);
    (i128::from(day) - JULIAN_DAY_OF_EPOCH) * NANOS_PER_DAY + i128::from(nanos_of_day)
}

/// The coarsest precision that keeps every instant of a column exactly:
/// a column of midnights is a column of days (as the table core reads
/// text), one of whole minutes is read to the minute. Finer than the
/// millisecond is not kept.
#[must_use]
pub fn instant_precision(instants: impl Iterator<Item = i128>) -> Precision {
    let mut precision = Precision::Day;
    for nanos in instants {
        let needed = if nanos % NANOS_PER_DAY == 0 {
            Precision::Day
        } else if nanos % NANOS_PER_MIN == 0 {
            Precision::Minute
        } else if nanos % NANOS_PER_SEC == 0 {
            Precision::Second
        } else {
            Precision::Millisecond
        };
        precision = precision.max(needed);
        if precision == Precision::Millisecond {
            break;
        }
    }
    precision
}

/// The instants of a chunk (nulls and other kinds give none).
pub fn instants(chunk: &Chunk) -> impl Iterator<Item = i128> + '_ {
    (0..chunk.rows()).filter_map(|row| match chunk.value(row) {
        Value::Instant(nanos) => Some(nanos),
        _ => None,
    })
}

/// The date of an instant, at the column's precision.
#[must_use]
pub fn instant_date(nanos: i128, precision: Precision) -> Date {
    // Truncate towards the past, below the millisecond.
    let millis = nanos.div_euclid(NANOS_PER_MILLI) * NANOS_PER_MILLI;
    Date::from_time(Time(millis), precision)
}

/// The date of a `DATE` value.
#[must_use]
pub fn day_date(days: i32) -> Date {
    Date::from_time(Time(i128::from(days) * NANOS_PER_DAY), Precision::Day)
}

/// `14:30`, `14:30:05` or `14:30:05.250`: how a clock column reads as text.
#[must_use]
pub fn clock_text(nanos: i64) -> String {
    let nanos = i128::from(nanos).rem_euclid(NANOS_PER_DAY);
    let millis = nanos / NANOS_PER_MILLI;
    let (h, m, s, ms) = (
        millis / 3_600_000,
        millis / 60_000 % 60,
        millis / 1000 % 60,
        millis % 1000,
    );
    match (s, ms) {
        (0, 0) => format!("{h:02}:{m:02}"),
        (_, 0) => format!("{h:02}:{m:02}:{s:02}"),
        _ => format!("{h:02}:{m:02}:{s:02}.{ms:03}"),
    }
}

/// A value as a table cell; instants at `precision`.
#[must_use]
pub fn cell(value: Value<'_>, precision: Precision) -> Cell {
    match value {
        Value::Null => Cell::Empty,
        Value::Bool(b) => Cell::Text(if b { "true" } else { "false" }.to_owned()),
        Value::Number(v) => Cell::Number(v),
        Value::BigInteger(v) => Cell::Text(v.to_string()),
        Value::Instant(nanos) => Cell::Date(instant_date(nanos, precision)),
        Value::Days(days) => Cell::Date(day_date(days)),
        Value::Clock(nanos) => Cell::Text(clock_text(nanos)),
        Value::Text(bytes) => Cell::Text(String::from_utf8_lossy(bytes).into_owned()),
        Value::Uuid(bytes) => Cell::Text(uuid_text(bytes)),
    }
}

fn uuid_text(bytes: &[u8]) -> String {
    let hex = bytes.iter().fold(String::new(), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    });
    // 8-4-4-4-12 hexadecimal digits.
    let groups = [0..8, 8..12, 12..16, 16..20, 20..32];
    let parts: Option<Vec<&str>> = groups.into_iter().map(|r| hex.get(r)).collect();
    parts.map_or_else(|| hex.clone(), |parts| parts.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_is_the_coarsest_that_loses_nothing() {
        let day = NANOS_PER_DAY;
        assert_eq!(
            instant_precision([0, day, -day].into_iter()),
            Precision::Day
        );
        assert_eq!(
            instant_precision([day, day + NANOS_PER_MIN * 90].into_iter()),
            Precision::Minute
        );
        assert_eq!(
            instant_precision([day + NANOS_PER_SEC].into_iter()),
            Precision::Second
        );
        assert_eq!(
            instant_precision([day + 1_000].into_iter()),
            Precision::Millisecond
        );
    }

    #[test]
    fn int96_counts_from_the_julian_day_of_1970() {
        let mut value = Int96::new();
        // 2440589 is 1970-01-02; 3,600 s into it.
        let nanos: u64 = 3_600 * 1_000_000_000;
        #[allow(clippy::cast_possible_truncation)]
        value.set_data(nanos as u32, (nanos >> 32) as u32, 2_440_589);
        assert_eq!(int96_nanos(&value), NANOS_PER_DAY + 3_600 * NANOS_PER_SEC);
        let date = instant_date(int96_nanos(&value), Precision::Minute);
        assert_eq!(date.to_iso(), "1970-01-02T01:00");
    }

    #[test]
    fn values_read_as_cells() {
        assert_eq!(
            clock_text(14 * 3_600_000_000_000 + 30 * 60_000_000_000),
            "14:30"
        );
        assert_eq!(clock_text(5_250_000_000), "00:00:05.250");
        assert_eq!(
            cell(bytes(Kind::Decimal(2), &[0xFF, 0x85]), Precision::Day),
            Cell::Number(-1.23)
        );
        assert_eq!(
            cell(integer(Kind::Unsigned, -1, true), Precision::Day),
            Cell::Number(4_294_967_295.0)
        );
        assert_eq!(
            cell(integer(Kind::Integer, i64::MAX, false), Precision::Day),
            Cell::Text("9223372036854775807".to_owned())
        );
        assert_eq!(
            uuid_text(&[0x12; 16]),
            "12121212-1212-1212-1212-121212121212"
        );
        assert_eq!(day_date(-1).to_iso(), "1969-12-31");
    }
}
