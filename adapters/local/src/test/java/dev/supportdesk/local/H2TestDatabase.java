package dev.supportdesk.local;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;

/** The local runtime's kind of database for a test: an H2 file in the test's folder. */
final class H2TestDatabase {

    private H2TestDatabase() {
    }

    /** A pool on {@code folder/db}; the caller closes it. */
    static HikariDataSource open(Path folder) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:file:" + folder.resolve("db").toAbsolutePath());
        dataSource.setUsername("sa");
        return dataSource;
    }
}
