#
# CMake find module for the Mqtt2Go.Wps interop assembly, in the shape the nanoFramework Metadata Processor
# generates (samples/Interop/awesome-library/Stubs/NF.AwesomeLib/FindINTEROP-NF.AwesomeLib.cmake), plus
# wps_native.c and clr_watchdog.c. Copy to nf-interpreter/CMake/Modules/ and the sources to
# nf-interpreter/InteropAssemblies/Mqtt2Go.Wps/ (see docs/wps-interop.md).
#

########################################################################################
# make sure that a valid path is set bellow                                            #
# this is an Interop module so this file should be placed in the CMakes module folder  #
# usually CMake\Modules                                                                #
########################################################################################

# native code directory
set(BASE_PATH_FOR_THIS_MODULE ${PROJECT_SOURCE_DIR}/InteropAssemblies/Mqtt2Go.Wps)


# set include directories
list(APPEND Mqtt2Go.Wps_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/CLR/Core)
list(APPEND Mqtt2Go.Wps_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/CLR/Include)
list(APPEND Mqtt2Go.Wps_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/HAL/Include)
list(APPEND Mqtt2Go.Wps_INCLUDE_DIRS ${PROJECT_SOURCE_DIR}/src/PAL/Include)
list(APPEND Mqtt2Go.Wps_INCLUDE_DIRS ${BASE_PATH_FOR_THIS_MODULE})

# esp_wps.h lives in components/wpa_supplicant/esp_supplicant/include (ESP-IDF v5.5.4); nf-interpreter's
# FindESP32_IDF.cmake only lists components/wpa_supplicant/include/esp_supplicant, so add the right one here.
if(DEFINED IDF_PATH_CMAKED)
    list(APPEND Mqtt2Go.Wps_INCLUDE_DIRS ${IDF_PATH_CMAKED}/components/wpa_supplicant/esp_supplicant/include)
elseif(DEFINED ENV{IDF_PATH})
    file(TO_CMAKE_PATH "$ENV{IDF_PATH}" MQTT2GO_WPS_IDF_PATH)
    list(APPEND Mqtt2Go.Wps_INCLUDE_DIRS ${MQTT2GO_WPS_IDF_PATH}/components/wpa_supplicant/esp_supplicant/include)
endif()


# source files
set(Mqtt2Go.Wps_SRCS

    Mqtt2Go_Wps.cpp


    Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient_mshl.cpp
    Mqtt2Go_Wps_Mqtt2Go_Device_Wps_WpsClient.cpp

    # not generated: the host-tested WPS logic, and the interpreter-thread task watchdog (strong Watchdog_Reset)
    wps_native.c
    clr_watchdog.c

)

foreach(SRC_FILE ${Mqtt2Go.Wps_SRCS})
    set(Mqtt2Go.Wps_SRC_FILE SRC_FILE-NOTFOUND)
    find_file(Mqtt2Go.Wps_SRC_FILE ${SRC_FILE}
        PATHS
	        ${BASE_PATH_FOR_THIS_MODULE}
	        ${TARGET_BASE_LOCATION}
            ${PROJECT_SOURCE_DIR}/src/Mqtt2Go.Wps

	    CMAKE_FIND_ROOT_PATH_BOTH
    )
    # message("${SRC_FILE} >> ${Mqtt2Go.Wps_SRC_FILE}") # debug helper
    list(APPEND Mqtt2Go.Wps_SOURCES ${Mqtt2Go.Wps_SRC_FILE})
endforeach()

include(FindPackageHandleStandardArgs)

FIND_PACKAGE_HANDLE_STANDARD_ARGS(Mqtt2Go.Wps DEFAULT_MSG Mqtt2Go.Wps_INCLUDE_DIRS Mqtt2Go.Wps_SOURCES)
