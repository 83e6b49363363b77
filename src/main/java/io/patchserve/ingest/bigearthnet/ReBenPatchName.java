package io.patchserve.ingest.bigearthnet;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A BigEarthNet v2 (reBEN) patch id: the Sentinel-2 product id without its generation time, then the patch's
 * column and row, {@code S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP_26_57}. The product part names the
 * folder the patch sits in ({@code BigEarthNet-S2/<product>/<patch id>/}).
 *
 * @param product the folder of the patch's tile, {@code S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP}
 * @param mgrsTile the tile's MGRS code, {@code 33UUP}
 */
public record ReBenPatchName(String name, String platform, Instant sensingStart, String product, String mgrsTile,
                             int relativeOrbit, int column, int row) {

    private static final Pattern PATTERN = Pattern.compile(
            "((S2[AB])_MSIL2A_(\\d{8})T(\\d{6})_N\\d{4}_R(\\d{3})_T([0-9A-Z]{5}))_(\\d+)_(\\d+)");

    public static ReBenPatchName parse(String name) throws PatchName.InvalidNameException {
        Matcher m = PATTERN.matcher(name);
        if (!m.matches()) {
            throw new PatchName.InvalidNameException("'" + name + "' is not a BigEarthNet v2 patch id "
                    + "(S2A_MSIL2A_YYYYMMDDTHHMMSS_Nxxxx_Rxxx_Txxxxx_C_R)");
        }
        try {
            LocalDate date = LocalDate.parse(m.group(3), DateTimeFormatter.BASIC_ISO_DATE);
            String time = m.group(4);
            Instant start = PatchName.utc(date, Integer.parseInt(time.substring(0, 2)),
                    Integer.parseInt(time.substring(2, 4)), Integer.parseInt(time.substring(4, 6)));
            return new ReBenPatchName(name, m.group(2).equals("S2A") ? "sentinel-2a" : "sentinel-2b", start, m.group(1),
                    m.group(6), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(7)), Integer.parseInt(m.group(8)));
        } catch (DateTimeException | NumberFormatException e) {
            throw new PatchName.InvalidNameException("'" + name + "' has an invalid date or time: " + e.getMessage());
        }
    }

    /**
     * The folder of a Sentinel-1 patch, {@code BigEarthNet-S1/<product>/<s1 name>/}: its name without the
     * trailing {@code _<tile>_<column>_<row>} (the layout the v2 pipeline's archive step writes).
     */
    static String s1Product(String s1Name) {
        return s1Name.replaceFirst("_[0-9A-Z]+_\\d+_\\d+$", "");
    }
}
